<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="et">
<context>
    <name>Messages</name>
    <message>
        <source>Something unexpected went wrong. Press Try again; if it happens again, contact the election helpdesk.</source>
        <translation>Midagi läks ootamatult valesti. Vajuta „Proovi uuesti“; kui see kordub, võta ühendust valimiste kasutajatoega.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Tries left: %2. Enter it again and press the button once more.</source>
        <translation>%1 on vale. Katseid jäänud: %2. Sisesta see uuesti ja vajuta nuppu veel kord.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Enter it again and press the button once more. After three wrong tries in a row the PIN is blocked.</source>
        <translation>%1 on vale. Sisesta see uuesti ja vajuta nuppu veel kord. Pärast kolme järjestikust valet katset PIN blokeeritakse.</translation>
    </message>
    <message>
        <source>Your %1 is blocked after too many wrong tries. Unblock it with your PUK code in the ID-software (DigiDoc4), then press Try again.</source>
        <translation>Sinu %1 on liiga paljude valede katsete tõttu blokeeritud. Ava blokeering PUK-koodiga ID-tarkvaras (DigiDoc4) ja vajuta siis „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your %1 again.</source>
        <translation>PIN1 on 4–12 numbrit, PIN2 on 5–12 numbrit. Sisesta oma %1 uuesti.</translation>
    </message>
    <message>
        <source>The ID card was removed from the reader. Put it back in and press Try again.</source>
        <translation>ID-kaart võeti lugejast välja. Pane see tagasi ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>No smart card reader was found. Connect the reader and press Try again.</source>
        <translation>Kaardilugejat ei leitud. Ühenda lugeja arvutiga ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>There is no ID card in the reader. Insert your ID card and press Try again.</source>
        <translation>Lugejas ei ole ID-kaarti. Sisesta oma ID-kaart ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The card in the reader is not an ID card this app can use. Insert your ID card and press Try again.</source>
        <translation>Lugejas olev kaart ei ole ID-kaart, mida see rakendus kasutada saab. Sisesta oma ID-kaart ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The ID card software could not be loaded. Install the ID-software and press Try again.</source>
        <translation>ID-kaardi tarkvara ei õnnestunud laadida. Paigalda ID-tarkvara ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The ID card did not answer as expected. Take it out, put it back in and press Try again.</source>
        <translation>ID-kaart ei vastanud ootuspäraselt. Võta kaart välja, pane tagasi ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>Cannot reach the vote collection server. Check your internet connection and press Try again.</source>
        <translation>Häälte kogumise serveriga ei saa ühendust. Kontrolli internetiühendust ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The vote collection server did not answer in time. Press Try again.</source>
        <translation>Häälte kogumise server ei vastanud õigel ajal. Vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The server could not be proven to be the election's vote collection server. Do not vote on this computer until this is solved; contact the election helpdesk. You may press Try again.</source>
        <translation>Ei õnnestunud tõendada, et server on valimiste häälte kogumise server. Ära hääleta selles arvutis enne, kui see on lahendatud; võta ühendust valimiste kasutajatoega. Võid vajutada „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The server's answer did not check, so your vote may not be stored correctly. Press Try again to vote again; if it happens again, contact the election helpdesk.</source>
        <translation>Serveri vastus ei läinud kontrollist läbi, seega ei pruugi sinu hääl olla õigesti salvestatud. Vajuta „Proovi uuesti“, et uuesti hääletada; kui see kordub, võta ühendust valimiste kasutajatoega.</translation>
    </message>
    <message>
        <source>Your choice is not valid on this ballot. Change it and try again.</source>
        <translation>Sinu valik ei ole sellel hääletussedelil lubatud. Muuda valikut ja proovi uuesti.</translation>
    </message>
    <message>
        <source>The app's settings file is wrong. Install the app again.</source>
        <translation>Rakenduse seadete fail on vigane. Paigalda rakendus uuesti.</translation>
    </message>
    <message>
        <source>You are not on the voter list of this election. Contact the election helpdesk.</source>
        <translation>Sind ei ole nende valimiste valijate nimekirjas. Võta ühendust valimiste kasutajatoega.</translation>
    </message>
    <message>
        <source>Voting is not open now.</source>
        <translation>Hääletamine ei ole praegu avatud.</translation>
    </message>
    <message>
        <source>Your session has expired. Press Try again and log in again.</source>
        <translation>Sinu seanss on aegunud. Vajuta „Proovi uuesti“ ja logi uuesti sisse.</translation>
    </message>
    <message>
        <source>The certificates of your ID card are not valid. Contact the Police and Border Guard Board.</source>
        <translation>Sinu ID-kaardi sertifikaadid ei kehti. Pöördu Politsei- ja Piirivalveametisse.</translation>
    </message>
    <message>
        <source>The vote collection server is busy. Wait a moment and press Try again.</source>
        <translation>Häälte kogumise server on hõivatud. Oota hetk ja vajuta „Proovi uuesti“.</translation>
    </message>
    <message>
        <source>The vote collection server refused the request (%1). Press Try again.</source>
        <translation>Häälte kogumise server keeldus päringust (%1). Vajuta „Proovi uuesti“.</translation>
    </message>
</context>
<context>
    <name>evote::gui::CardPage</name>
    <message>
        <source>No ID card found yet.</source>
        <translation>ID-kaarti pole veel leitud.</translation>
    </message>
    <message>
        <source>Card holder: %1, personal code %2</source>
        <translation>Kaardi omanik: %1, isikukood %2</translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation>Kaardi omanik</translation>
    </message>
    <message>
        <source>ID card and PIN1</source>
        <translation>ID-kaart ja PIN1</translation>
    </message>
    <message>
        <source>ID &amp;cards in the readers:</source>
        <translation>ID-&amp;kaardid lugejates:</translation>
    </message>
    <message>
        <source>Look for cards a&amp;gain</source>
        <translation>Otsi kaarte &amp;uuesti</translation>
    </message>
    <message>
        <source>&amp;PIN1:</source>
        <translation>&amp;PIN1:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Logi sisse</translation>
    </message>
    <message>
        <source>ID cards</source>
        <translation>ID-kaardid</translation>
    </message>
    <message>
        <source>The ID cards in the card readers; choose yours with the arrow keys.</source>
        <translation>Kaardilugejates olevad ID-kaardid; vali oma nooleklahvidega.</translation>
    </message>
    <message>
        <source>Look for cards again</source>
        <translation>Otsi kaarte uuesti</translation>
    </message>
    <message>
        <source>Looks for ID cards again, after a card or reader was put in or taken out.</source>
        <translation>Otsib ID-kaarte uuesti, kui kaart või lugeja on vahepeal sisestatud või eemaldatud.</translation>
    </message>
    <message>
        <source>PIN1</source>
        <translation>PIN1</translation>
    </message>
    <message>
        <source>The PIN1 of the chosen ID card, 4 to 12 digits. It is hidden.</source>
        <translation>Valitud ID-kaardi PIN1, 4–12 numbrit. Seda ei näidata.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Logi sisse</translation>
    </message>
    <message>
        <source>Logs in to the vote collection server with the ID card.</source>
        <translation>Logib ID-kaardiga häälte kogumise serverisse sisse.</translation>
    </message>
    <message>
        <source>The second step of voting.</source>
        <translation>Hääletamise teine samm.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ChoosePage</name>
    <message>
        <source>Your ballot</source>
        <translation>Sinu hääletussedel</translation>
    </message>
    <message>
        <source>Hello, %1. Your district: %2. Choose in each contest; a contest left empty is voted blank.</source>
        <translation>Tere, %1. Sinu ringkond: %2. Tee valik igas hääletuses; tühjaks jäetud hääletuses loetakse hääl tühjaks.</translation>
    </message>
    <message>
        <source>&amp;Review your choices</source>
        <translation>&amp;Vaata valikud üle</translation>
    </message>
    <message>
        <source>The third step of voting: choose.</source>
        <translation>Hääletamise kolmas samm: vali.</translation>
    </message>
    <message>
        <source>Voter and district</source>
        <translation>Valija ja ringkond</translation>
    </message>
    <message>
        <source>Review your choices</source>
        <translation>Vaata valikud üle</translation>
    </message>
    <message>
        <source>Shows what you chose before you sign the vote with PIN2.</source>
        <translation>Näitab sinu valikuid enne, kui allkirjastad hääle PIN2-ga.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ConnectPage</name>
    <message>
        <source>Internet voting</source>
        <translation>E-hääletamine</translation>
    </message>
    <message>
        <source>You will need your ID card in a card reader and its PIN1 and PIN2. You can change your vote as often as you like until voting ends: only your last vote counts.</source>
        <translation>Vajad kaardilugejasse sisestatud ID-kaarti ning selle PIN1- ja PIN2-koodi. Võid oma häält muuta nii mitu korda, kui soovid, kuni hääletamise lõpuni: arvesse läheb ainult viimane hääl.</translation>
    </message>
    <message>
        <source>Vote collection server: %1</source>
        <translation>Häälte kogumise server: %1</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Ühenda</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Ühenda</translation>
    </message>
    <message>
        <source>Connects to the vote collection server and checks that it is the election's.</source>
        <translation>Ühendub häälte kogumise serveriga ja kontrollib, et see on nende valimiste server.</translation>
    </message>
    <message>
        <source>The first step of voting.</source>
        <translation>Hääletamise esimene samm.</translation>
    </message>
    <message>
        <source>What you need</source>
        <translation>Mida vajad</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
</context>
<context>
    <name>evote::gui::ContestWidget</name>
    <message>
        <source>Choose one candidate: move with the arrow keys and tick with Space.</source>
        <translation>Vali üks kandidaat: liigu nooleklahvidega ja märgi tühikuklahviga.</translation>
    </message>
    <message>
        <source>Choose up to %1 candidates: move with the arrow keys and tick with Space.</source>
        <translation>Vali kuni %1 kandidaati: liigu nooleklahvidega ja märgi tühikuklahviga.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Otsi:</translation>
    </message>
    <message>
        <source>name, party or number</source>
        <translation>nimi, erakond või number</translation>
    </message>
    <message>
        <source>Clear choice</source>
        <translation>Tühjenda valik</translation>
    </message>
    <message>
        <source>Search candidates of %1</source>
        <translation>Otsi hääletuse %1 kandidaate</translation>
    </message>
    <message>
        <source>Type a name, a party or a candidate number to show only the matching candidates.</source>
        <translation>Kirjuta nimi, erakond või kandidaadi number, et näha ainult sobivaid kandidaate.</translation>
    </message>
    <message>
        <source>Candidates of %1</source>
        <translation>Hääletuse %1 kandidaadid</translation>
    </message>
    <message>
        <source>Unticks every candidate of %1.</source>
        <translation>Eemaldab kõik märgid hääletuses %1.</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>Sinu valik</translation>
    </message>
    <message>
        <source>What you have chosen in %1.</source>
        <translation>Mida oled valinud hääletuses %1.</translation>
    </message>
    <message>
        <source>Nothing chosen: this contest is voted blank.</source>
        <translation>Midagi pole valitud: selles hääletuses on hääl tühi.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Valitud: %1</translation>
    </message>
    <message>
        <source>Rank up to %1 candidates: tick them with Space in the order you prefer them, the first one first. Ctrl+Up and Ctrl+Down move a ticked candidate up or down the order.</source>
        <translation>Järjesta kuni %1 kandidaati: märgi nad tühikuklahviga eelistuse järjekorras, kõige eelistatum esimesena. Ctrl+üles ja Ctrl+alla liigutavad märgitud kandidaati järjestuses üles või alla.</translation>
    </message>
</context>
<context>
    <name>evote::gui::DonePage</name>
    <message>
        <source>Your vote was received</source>
        <translation>Sinu hääl on vastu võetud</translation>
    </message>
    <message>
        <source>The vote collection server signed this receipt:</source>
        <translation>Häälte kogumise server allkirjastas selle kviitungi:</translation>
    </message>
    <message>
        <source>Vote id: %1</source>
        <translation>Hääle tunnus: %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Aeg: %1</translation>
    </message>
    <message>
        <source>Number in the ballot box: %1</source>
        <translation>Järjekorranumber e-valimiskastis: %1</translation>
    </message>
    <message>
        <source>To check that your vote was recorded as you cast it, scan this QR code with the verification app on another device.</source>
        <translation>Et kontrollida, kas sinu hääl salvestati nii, nagu sa hääletasid, skaneeri see QR-kood kontrollrakendusega teises seadmes.</translation>
    </message>
    <message>
        <source>Save the QR code as &amp;PNG…</source>
        <translation>Salvesta QR-kood &amp;PNG-failina…</translation>
    </message>
    <message>
        <source>You may vote again; only your last vote counts.</source>
        <translation>Võid uuesti hääletada; arvesse läheb ainult sinu viimane hääl.</translation>
    </message>
    <message>
        <source>&amp;Vote again</source>
        <translation>&amp;Hääleta uuesti</translation>
    </message>
    <message>
        <source>See my &amp;record</source>
        <translation>Vaata minu &amp;ajalugu</translation>
    </message>
    <message>
        <source>The last step of voting.</source>
        <translation>Hääletamise viimane samm.</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Hääle tunnus</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aeg</translation>
    </message>
    <message>
        <source>Number in the ballot box</source>
        <translation>Järjekorranumber e-valimiskastis</translation>
    </message>
    <message>
        <source>QR code of the verification code</source>
        <translation>Kontrollkoodi QR-kood</translation>
    </message>
    <message>
        <source>Save the QR code as PNG</source>
        <translation>Salvesta QR-kood PNG-failina</translation>
    </message>
    <message>
        <source>Saves the QR code to a picture file, to scan it from another screen.</source>
        <translation>Salvestab QR-koodi pildifaili, et seda teiselt ekraanilt skaneerida.</translation>
    </message>
    <message>
        <source>Voting again</source>
        <translation>Uuesti hääletamine</translation>
    </message>
    <message>
        <source>Vote again</source>
        <translation>Hääleta uuesti</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Viib tagasi hääletussedeli juurde, et uuesti hääletada.</translation>
    </message>
    <message>
        <source>See my record</source>
        <translation>Vaata minu ajalugu</translation>
    </message>
    <message>
        <source>Shows every vote you cast and every check of your votes.</source>
        <translation>Näitab kõiki sinu antud hääli ja iga nende kontrollimist.</translation>
    </message>
</context>
<context>
    <name>evote::gui::MainWindow</name>
    <message>
        <source>The app's settings cannot be read: %1</source>
        <translation>Rakenduse seadeid ei saa lugeda: %1</translation>
    </message>
    <message>
        <source>evote — internet voting</source>
        <translation>evote — e-hääletamine</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Keel:</translation>
    </message>
    <message>
        <source>Working, please wait…</source>
        <translation>Töötan, palun oota…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Keel</translation>
    </message>
    <message>
        <source>The language of the app: Estonian, English or Russian (Ctrl+L).</source>
        <translation>Rakenduse keel: eesti, inglise või vene (Ctrl+L).</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Hõivatud</translation>
    </message>
    <message>
        <source>Shown while the app waits for the card or the server.</source>
        <translation>Näidatakse, kui rakendus ootab kaarti või serverit.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>Salvesta QR-kood</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG-pildid (*.png)</translation>
    </message>
    <message>
        <source>The QR code could not be saved to %1.</source>
        <translation>QR-koodi ei õnnestunud salvestada faili %1.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ProblemPanel</name>
    <message>
        <source>Details for the helpdesk: %1</source>
        <translation>Üksikasjad kasutajatoele: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Proovi uuesti</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <source>Details for the helpdesk</source>
        <translation>Üksikasjad kasutajatoele</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Proovi uuesti</translation>
    </message>
    <message>
        <source>Tries the step that failed once more.</source>
        <translation>Proovib ebaõnnestunud sammu veel kord.</translation>
    </message>
</context>
<context>
    <name>evote::gui::RecordPage</name>
    <message>
        <source>You are on the voter list (version %1), district %2.</source>
        <translation>Oled valijate nimekirjas (versioon %1), ringkond %2.</translation>
    </message>
    <message>
        <source>You are not on the voter list in force (version %1).</source>
        <translation>Sind ei ole kehtivas valijate nimekirjas (versioon %1).</translation>
    </message>
    <message>
        <source>counts now</source>
        <translation>läheb arvesse</translation>
    </message>
    <message>
        <source>replaced by a later vote</source>
        <translation>asendatud hilisema häälega</translation>
    </message>
    <message>
        <source>verification of the vote number %1 in the ballot box</source>
        <translation>e-valimiskasti hääle nr %1 kontrollimine</translation>
    </message>
    <message>
        <source>export %1 requested by %2 (votes %3)</source>
        <translation>väljavõte %1, taotleja %2 (hääled %3)</translation>
    </message>
    <message>
        <source>My record</source>
        <translation>Minu ajalugu</translation>
    </message>
    <message>
        <source>&amp;Votes you have cast (the last one counts):</source>
        <translation>&amp;Sinu antud hääled (arvesse läheb viimane):</translation>
    </message>
    <message>
        <source>&amp;Checks and exports of your votes:</source>
        <translation>Sinu häälte &amp;kontrollimised ja väljavõtted:</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Aeg</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Hääle tunnus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Olek</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Mis</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Värskenda</translation>
    </message>
    <message>
        <source>&amp;Back to voting</source>
        <translation>&amp;Tagasi hääletama</translation>
    </message>
    <message>
        <source>What the vote collection server holds about you.</source>
        <translation>Mida häälte kogumise server sinu kohta hoiab.</translation>
    </message>
    <message>
        <source>Voter list</source>
        <translation>Valijate nimekiri</translation>
    </message>
    <message>
        <source>Votes you have cast</source>
        <translation>Sinu antud hääled</translation>
    </message>
    <message>
        <source>One row per vote: its number in the ballot box, time, vote id and whether it counts now.</source>
        <translation>Üks rida hääle kohta: järjekorranumber e-valimiskastis, aeg, hääle tunnus ja kas see läheb praegu arvesse.</translation>
    </message>
    <message>
        <source>Checks and exports of your votes</source>
        <translation>Sinu häälte kontrollimised ja väljavõtted</translation>
    </message>
    <message>
        <source>Every verification of your votes and every export of the ballot box that held them.</source>
        <translation>Iga sinu hääle kontrollimine ja iga e-valimiskasti väljavõte, milles need olid.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Värskenda</translation>
    </message>
    <message>
        <source>Reads your record again from the server.</source>
        <translation>Loeb sinu ajaloo serverist uuesti.</translation>
    </message>
    <message>
        <source>Back to voting</source>
        <translation>Tagasi hääletama</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Viib tagasi hääletussedeli juurde, et uuesti hääletada.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ReviewPage</name>
    <message>
        <source>Check your choices</source>
        <translation>Kontrolli oma valikuid</translation>
    </message>
    <message>
        <source>blank (nothing chosen)</source>
        <translation>tühi (midagi pole valitud)</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Muuda</translation>
    </message>
    <message>
        <source>C&amp;ontinue to signing</source>
        <translation>&amp;Edasi allkirjastama</translation>
    </message>
    <message>
        <source>The fourth step of voting.</source>
        <translation>Hääletamise neljas samm.</translation>
    </message>
    <message>
        <source>Your choices</source>
        <translation>Sinu valikud</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Muuda</translation>
    </message>
    <message>
        <source>Goes back to the ballot to change your choices.</source>
        <translation>Viib tagasi hääletussedeli juurde valikute muutmiseks.</translation>
    </message>
    <message>
        <source>Continue to signing</source>
        <translation>Edasi allkirjastama</translation>
    </message>
    <message>
        <source>Goes on to sign the vote with PIN2.</source>
        <translation>Liigub edasi hääle allkirjastamisele PIN2-ga.</translation>
    </message>
</context>
<context>
    <name>evote::gui::SignPage</name>
    <message>
        <source>Sign your vote with PIN2</source>
        <translation>Allkirjasta oma hääl PIN2-ga</translation>
    </message>
    <message>
        <source>Your vote is encrypted on this computer, signed with your ID card and sent to the vote collection server. Nobody can see how you voted.</source>
        <translation>Sinu hääl krüpteeritakse selles arvutis, allkirjastatakse sinu ID-kaardiga ja saadetakse häälte kogumise serverisse. Keegi ei näe, kuidas sa hääletasid.</translation>
    </message>
    <message>
        <source>P&amp;IN2:</source>
        <translation>P&amp;IN2:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Tagasi</translation>
    </message>
    <message>
        <source>&amp;Sign and send the vote</source>
        <translation>&amp;Allkirjasta ja saada hääl</translation>
    </message>
    <message>
        <source>The fifth step of voting.</source>
        <translation>Hääletamise viies samm.</translation>
    </message>
    <message>
        <source>About signing</source>
        <translation>Allkirjastamisest</translation>
    </message>
    <message>
        <source>PIN2</source>
        <translation>PIN2</translation>
    </message>
    <message>
        <source>The PIN2 of your ID card, 5 to 12 digits. It is hidden.</source>
        <translation>Sinu ID-kaardi PIN2, 5–12 numbrit. Seda ei näidata.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Tagasi</translation>
    </message>
    <message>
        <source>Goes back to your choices.</source>
        <translation>Viib tagasi sinu valikute juurde.</translation>
    </message>
    <message>
        <source>Sign and send the vote</source>
        <translation>Allkirjasta ja saada hääl</translation>
    </message>
    <message>
        <source>Signs the encrypted vote on the ID card with PIN2 and sends it.</source>
        <translation>Allkirjastab krüpteeritud hääle ID-kaardil PIN2-ga ja saadab selle.</translation>
    </message>
</context>
</TS>
