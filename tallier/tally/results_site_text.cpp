#include "results_site_text.hpp"

#include <utility>

namespace evote::tally {

namespace {

const SiteText kEstonian = {
    .lang = "et",
    .other_language = "English",
    .skip_to_content = "Sisu juurde",
    .language_nav = "Keel",
    .results = "tulemused",
    .lead =
        "E-hääletuse tulemused ja valimiste kirje: iga number siin on kirjes olevatest "
        "failidest, mida igaüks saab ise kontrollida.",
    .voting_period = "E-hääletus",
    .election_id = "Valimiste tunnus",
    .all_districts = "Kõik ringkonnad",
    .districts = "Ringkonnad",
    .district = "Ringkond",
    .counted_in_district = "Arvesse läinud e-hääli",

    .turnout = "Osalus e-hääletusel",
    .turnout_note =
        "Numbrid on loenduse sammude allkirjastatud kinnitustest (check, squash, "
        "revoke, anonymize). Siin on ainult e-hääled: paberil antud hääled loetakse "
        "jaoskondades.",
    .ballot_path = "E-häälte teekond valimiskastist lugemiseni",
    .what = "Mida loeti",
    .number = "Arv",
    .ballots = "E-valimiskasti laekunud hääli",
    .rejected = "neist tagasi lükatud",
    .accepted = "vastu võetud",
    .superseded = "asendatud sama valija hilisema e-häälega (korduvhääletus)",
    .voters = "e-hääletanud valijaid",
    .paper_voters = "paberil hääletanud valijaid nimekirjas",
    .revoked = "e-hääl tühistatud, sest valija hääletas paberil",
    .counted = "arvesse läinud e-hääli",

    .single_choice = "Üks valik",
    .approval = "Poolthääled, kuni {k} valikut",
    .ranked = "Pingerida, kuni {k} eelistust; võitja selgub häälte ülekandmisega",
    .choice = "Valik",
    .party = "Erakond või nimekiri",
    .votes = "Hääli",
    .approvals = "Poolthääli",
    .first_preferences = "Esimesi eelistusi",
    .share = "Osakaal kehtivatest",
    .valid_ballots = "Kehtivaid sedeleid",
    .blank = "Tühje",
    .invalid = "Kehtetuid",
    .rows = "Sedeleid kokku",
    .exhausted = "Ammendunud",
    .elected = "Valitud",
    .final_round = "lõppvoor",
    .most_votes = "Enim hääli",
    .chart_of = "tulpdiagramm",
    .rounds = "Häälte ülekandmise voorud",
    .round = "Voor",
    .outcome = "Tulemus",
    .round_elected = "valitud",
    .round_eliminated = "välja langes",
    .tie_by_round = "viik, otsustas voor {t}",
    .tie_by_code = "viik, otsustas valiku kood",
    .no_rounds = "Kehtivaid sedeleid ei olnud, voore ei toimunud.",
    .by_district = "ringkonniti",

    .tracker = "Leia oma e-hääl",
    .tracker_intro =
        "Hääletamise kviitungil on sinu sedeli räsi (43 märki). Kui see on siin "
        "loendis, läks sinu e-hääl arvesse, ja näed, mis ringkonna mitmenda reana "
        "see segamisse läks. Otsing käib sinu brauseris, midagi ei saadeta.",
    .tracker_label = "Sedeli räsi",
    .tracker_button = "Otsi",
    .tracker_size = "Loendis on {n} arvesse läinud e-häält (fail tracker.jsonl).",
    .tracker_noscript =
        "Otsing vajab JavaScripti. Ilma selleta otsi räsi failist tracker.jsonl "
        "või käsuga evote-verify --tracker.",

    .verify = "Kontrolli ise",
    .verify_intro =
        "Kõik sellel lehel on tuletatud valimiste kirjest: kaustast, mille alamkaust "
        "see sait on. Laadi kirje alla ja käivita:",
    .record_folder = "KIRJE",
    .ballot_hash = "RÄSI",
    .verify_result =
        "Iga kontroll trükib rea PASS või FAIL, viimane rida ütleb, kas kirje "
        "kehtib. Kontroll „results site“ kirjutab selle saidi kirjest uuesti ja "
        "võrdleb baithaaval.",
    .verify_tracker = "Oma sedeli leiad kviitungi räsi järgi nii:",
    .organizer_key = "Korraldaja võti",
    .organizer_key_note =
        "Valimiste seadistuse (config.json) allkirjastas korraldaja võti "
        "(Ed25519, base64url). Võrdle seda võtmega, mille korraldaja avalikult "
        "teatas, ja võtmega, mille evote-verify trükib reale „PASS manifest“:",
    .config_hash = "Seadistuse räsi",
    .tally_key = "Loenduse võti (allkirjastab sammude kinnitused ja manifest.json)",

    .files = "Kirje failid",
    .files_note =
        "Kirje failid suuruse ja räsiga (file_hash, base64url). Siin ei ole "
        "manifest.json (see loetleb kõik failid, ka need, ja on loenduse võtmega "
        "allkirjastatud), ceremony.json (võtmetseremoonia fail, mille lisab "
        "evote-tally record) ega selle saidi enda failid (site/…): need kirjutatakse "
        "pärast seda loendit.",
    .district_files = "Selle ringkonna failid",
    .file = "Fail",
    .role = "Roll",
    .bytes = "Baite",
    .hash = "Räsi",

    .footer =
        "Selle saidi kirjutas evote-tally publish valimiste kirjest. evote-verify "
        "kontrollib, et iga leht on täpselt see, mis kirjest tuleb.",
};

const SiteText kEnglish = {
    .lang = "en",
    .other_language = "Eesti keeles",
    .skip_to_content = "Skip to content",
    .language_nav = "Language",
    .results = "results",
    .lead =
        "The results of the internet vote and the election record: every number here comes "
        "from files of the record, which anyone can check.",
    .voting_period = "Internet voting",
    .election_id = "Election id",
    .all_districts = "All districts",
    .districts = "Districts",
    .district = "District",
    .counted_in_district = "E-votes counted",

    .turnout = "Internet voting turnout",
    .turnout_note =
        "The numbers are from the signed statements of the tally steps (check, "
        "squash, revoke, anonymize). Only e-votes are here: paper votes are counted "
        "at the polling stations.",
    .ballot_path = "From the ballot box to the count",
    .what = "What",
    .number = "Number",
    .ballots = "E-votes in the ballot box",
    .rejected = "of which rejected",
    .accepted = "accepted",
    .superseded = "replaced by a later e-vote of the same voter (re-votes)",
    .voters = "voters who voted online",
    .paper_voters = "voters on the paper-vote list",
    .revoked = "e-votes cancelled because the voter voted on paper",
    .counted = "e-votes counted",

    .single_choice = "Single choice",
    .approval = "Approval, up to {k} choices",
    .ranked = "Ranked, up to {k} preferences; the winner by instant runoff",
    .choice = "Choice",
    .party = "Party or list",
    .votes = "Votes",
    .approvals = "Approvals",
    .first_preferences = "First preferences",
    .share = "Share of valid",
    .valid_ballots = "Valid ballots",
    .blank = "Blank",
    .invalid = "Invalid",
    .rows = "Ballots in total",
    .exhausted = "Exhausted",
    .elected = "Elected",
    .final_round = "final round",
    .most_votes = "Most votes",
    .chart_of = "bar chart",
    .rounds = "Instant runoff rounds",
    .round = "Round",
    .outcome = "Outcome",
    .round_elected = "elected",
    .round_eliminated = "eliminated",
    .tie_by_round = "tie, broken by round {t}",
    .tie_by_code = "tie, broken by choice code",
    .no_rounds = "There were no valid ballots, so no rounds.",
    .by_district = "by district",

    .tracker = "Find your e-vote",
    .tracker_intro =
        "Your voting receipt holds your ballot's hash (43 characters). If it is in "
        "this list, your e-vote was counted, and you see in which district and row "
        "it went into the mix. The search runs in your browser; nothing is sent.",
    .tracker_label = "Ballot hash",
    .tracker_button = "Search",
    .tracker_size = "The list holds {n} counted e-votes (file tracker.jsonl).",
    .tracker_noscript =
        "The search needs JavaScript. Without it, look for the hash in "
        "tracker.jsonl or run evote-verify --tracker.",

    .verify = "Check it yourself",
    .verify_intro =
        "Everything on this page comes from the election record: the folder this "
        "site is a subfolder of. Download the record and run:",
    .record_folder = "RECORD",
    .ballot_hash = "HASH",
    .verify_result =
        "Each check prints a PASS or FAIL line; the last line says whether the "
        "record verifies. The check “results site” writes this site again from the "
        "record and compares it byte for byte.",
    .verify_tracker = "Find your ballot by your receipt's hash like this:",
    .organizer_key = "The organizer's key",
    .organizer_key_note =
        "The election config (config.json) is signed by the organizer's key "
        "(Ed25519, base64url). Compare it with the key the organizer announced, "
        "and with the key evote-verify prints on its line “PASS manifest”:",
    .config_hash = "Config hash",
    .tally_key = "Tally key (signs the step statements and manifest.json)",

    .files = "The record's files",
    .files_note =
        "The record's files with their size and hash (file_hash, base64url). Not "
        "here: manifest.json (it lists every file, these too, signed by the tally "
        "key), ceremony.json (the key ceremony file, which evote-tally record adds) "
        "and this site's own files (site/…): they are written after this list.",
    .district_files = "This district's files",
    .file = "File",
    .role = "Role",
    .bytes = "Bytes",
    .hash = "Hash",

    .footer =
        "evote-tally publish wrote this site from the election record. evote-verify "
        "checks that every page is exactly what the record gives.",
};

}  // namespace

const SiteText& site_text(SiteLanguage language) {
  return language == SiteLanguage::en ? kEnglish : kEstonian;
}

const std::string& name_in(const protocol::Names& names, SiteLanguage language) {
  const auto found = names.find(std::string(site_text(language).lang));
  return found != names.end() ? found->second : names.at("et");
}

std::string rejection_reason(std::string_view reason, SiteLanguage language) {
  static const std::pair<std::string_view, std::pair<std::string_view, std::string_view>>
      kReasons[] = {
          {"outside_voting_period", {"väljaspool hääletusaega", "outside the voting period"}},
          {"not_eligible", {"valija polnud nimekirjas", "voter not on the voter list"}},
          {"bad_ballot", {"vigane sedel", "malformed ballot"}},
          {"bad_signature", {"allkiri ei kehti", "signature does not verify"}},
          {"no_certificate_status",
           {"sertifikaadi kehtivuskinnitus puudub", "no certificate status"}},
          {"bad_certificate_status",
           {"sertifikaadi kehtivuskinnitus ei kehti", "certificate status does not verify"}},
          {"certificate_revoked", {"sertifikaat tühistatud", "certificate revoked"}},
          {"certificate_unknown", {"sertifikaat tundmatu", "certificate unknown"}},
          {"duplicate_vote_id", {"korduv hääle tunnus", "repeated vote id"}},
          {"duplicate_ballot", {"sama sedel uuesti saadetud", "the same ballot sent again"}},
      };
  for (const auto& [name, words] : kReasons) {
    if (name == reason)
      return std::string(language == SiteLanguage::en ? words.second : words.first);
  }
  return std::string(reason);
}

std::string_view invalid_reason_text(std::string_view reason, SiteLanguage language) {
  const bool en = language == SiteLanguage::en;
  if (reason == "unknown-code") return en ? "unknown code" : "tundmatu kood";
  if (reason == "other-district")
    return en ? "a choice of another district" : "teise ringkonna valik";
  if (reason == "repeated-code") return en ? "the same choice twice" : "sama valik mitu korda";
  if (reason == "rank-after-blank") return en ? "a rank after a blank" : "eelistus pärast tühja";
  return reason;
}

}  // namespace evote::tally
