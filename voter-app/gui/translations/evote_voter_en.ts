<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Messages</name>
    <message>
        <source>Something unexpected went wrong. Press Try again; if it happens again, contact the election helpdesk.</source>
        <translation>Something unexpected went wrong. Press Try again; if it happens again, contact the election helpdesk.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Tries left: %2. Enter it again and press the button once more.</source>
        <translation>The %1 is wrong. Tries left: %2. Enter it again and press the button once more.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Enter it again and press the button once more. After three wrong tries in a row the PIN is blocked.</source>
        <translation>The %1 is wrong. Enter it again and press the button once more. After three wrong tries in a row the PIN is blocked.</translation>
    </message>
    <message>
        <source>Your %1 is blocked after too many wrong tries. Unblock it with your PUK code in the ID-software (DigiDoc4), then press Try again.</source>
        <translation>Your %1 is blocked after too many wrong tries. Unblock it with your PUK code in the ID-software (DigiDoc4), then press Try again.</translation>
    </message>
    <message>
        <source>PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your %1 again.</source>
        <translation>PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your %1 again.</translation>
    </message>
    <message>
        <source>The ID card was removed from the reader. Put it back in and press Try again.</source>
        <translation>The ID card was removed from the reader. Put it back in and press Try again.</translation>
    </message>
    <message>
        <source>No smart card reader was found. Connect the reader and press Try again.</source>
        <translation>No smart card reader was found. Connect the reader and press Try again.</translation>
    </message>
    <message>
        <source>There is no ID card in the reader. Insert your ID card and press Try again.</source>
        <translation>There is no ID card in the reader. Insert your ID card and press Try again.</translation>
    </message>
    <message>
        <source>The card in the reader is not an ID card this app can use. Insert your ID card and press Try again.</source>
        <translation>The card in the reader is not an ID card this app can use. Insert your ID card and press Try again.</translation>
    </message>
    <message>
        <source>The ID card software could not be loaded. Install the ID-software and press Try again.</source>
        <translation>The ID card software could not be loaded. Install the ID-software and press Try again.</translation>
    </message>
    <message>
        <source>The ID card did not answer as expected. Take it out, put it back in and press Try again.</source>
        <translation>The ID card did not answer as expected. Take it out, put it back in and press Try again.</translation>
    </message>
    <message>
        <source>Cannot reach the vote collection server. Check your internet connection and press Try again.</source>
        <translation>Cannot reach the vote collection server. Check your internet connection and press Try again.</translation>
    </message>
    <message>
        <source>The vote collection server did not answer in time. Press Try again.</source>
        <translation>The vote collection server did not answer in time. Press Try again.</translation>
    </message>
    <message>
        <source>The server could not be proven to be the election's vote collection server. Do not vote on this computer until this is solved; contact the election helpdesk. You may press Try again.</source>
        <translation>The server could not be proven to be the election's vote collection server. Do not vote on this computer until this is solved; contact the election helpdesk. You may press Try again.</translation>
    </message>
    <message>
        <source>The server's answer did not check, so your vote may not be stored correctly. Press Try again to vote again; if it happens again, contact the election helpdesk.</source>
        <translation>The server's answer did not check, so your vote may not be stored correctly. Press Try again to vote again; if it happens again, contact the election helpdesk.</translation>
    </message>
    <message>
        <source>Your choice is not valid on this ballot. Change it and try again.</source>
        <translation>Your choice is not valid on this ballot. Change it and try again.</translation>
    </message>
    <message>
        <source>The app's settings file is wrong. Install the app again.</source>
        <translation>The app's settings file is wrong. Install the app again.</translation>
    </message>
    <message>
        <source>You are not on the voter list of this election. Contact the election helpdesk.</source>
        <translation>You are not on the voter list of this election. Contact the election helpdesk.</translation>
    </message>
    <message>
        <source>Voting is not open now.</source>
        <translation>Voting is not open now.</translation>
    </message>
    <message>
        <source>Your session has expired. Press Try again and log in again.</source>
        <translation>Your session has expired. Press Try again and log in again.</translation>
    </message>
    <message>
        <source>The certificates of your ID card are not valid. Contact the Police and Border Guard Board.</source>
        <translation>The certificates of your ID card are not valid. Contact the Police and Border Guard Board.</translation>
    </message>
    <message>
        <source>The vote collection server is busy. Wait a moment and press Try again.</source>
        <translation>The vote collection server is busy. Wait a moment and press Try again.</translation>
    </message>
    <message>
        <source>The vote collection server refused the request (%1). Press Try again.</source>
        <translation>The vote collection server refused the request (%1). Press Try again.</translation>
    </message>
</context>
<context>
    <name>evote::gui::CardPage</name>
    <message>
        <source>No ID card found yet.</source>
        <translation>No ID card found yet.</translation>
    </message>
    <message>
        <source>Card holder: %1, personal code %2</source>
        <translation>Card holder: %1, personal code %2</translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation>Card holder</translation>
    </message>
    <message>
        <source>ID card and PIN1</source>
        <translation>ID card and PIN1</translation>
    </message>
    <message>
        <source>ID &amp;cards in the readers:</source>
        <translation>ID &amp;cards in the readers:</translation>
    </message>
    <message>
        <source>Look for cards a&amp;gain</source>
        <translation>Look for cards a&amp;gain</translation>
    </message>
    <message>
        <source>&amp;PIN1:</source>
        <translation>&amp;PIN1:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>ID cards</source>
        <translation>ID cards</translation>
    </message>
    <message>
        <source>The ID cards in the card readers; choose yours with the arrow keys.</source>
        <translation>The ID cards in the card readers; choose yours with the arrow keys.</translation>
    </message>
    <message>
        <source>Look for cards again</source>
        <translation>Look for cards again</translation>
    </message>
    <message>
        <source>Looks for ID cards again, after a card or reader was put in or taken out.</source>
        <translation>Looks for ID cards again, after a card or reader was put in or taken out.</translation>
    </message>
    <message>
        <source>PIN1</source>
        <translation>PIN1</translation>
    </message>
    <message>
        <source>The PIN1 of the chosen ID card, 4 to 12 digits. It is hidden.</source>
        <translation>The PIN1 of the chosen ID card, 4 to 12 digits. It is hidden.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Logs in to the vote collection server with the ID card.</source>
        <translation>Logs in to the vote collection server with the ID card.</translation>
    </message>
    <message>
        <source>The second step of voting.</source>
        <translation>The second step of voting.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ChoosePage</name>
    <message>
        <source>Your ballot</source>
        <translation>Your ballot</translation>
    </message>
    <message>
        <source>Hello, %1. Your district: %2. Choose in each contest; a contest left empty is voted blank.</source>
        <translation>Hello, %1. Your district: %2. Choose in each contest; a contest left empty is voted blank.</translation>
    </message>
    <message>
        <source>&amp;Review your choices</source>
        <translation>&amp;Review your choices</translation>
    </message>
    <message>
        <source>The third step of voting: choose.</source>
        <translation>The third step of voting: choose.</translation>
    </message>
    <message>
        <source>Voter and district</source>
        <translation>Voter and district</translation>
    </message>
    <message>
        <source>Review your choices</source>
        <translation>Review your choices</translation>
    </message>
    <message>
        <source>Shows what you chose before you sign the vote with PIN2.</source>
        <translation>Shows what you chose before you sign the vote with PIN2.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ConnectPage</name>
    <message>
        <source>Internet voting</source>
        <translation>Internet voting</translation>
    </message>
    <message>
        <source>You will need your ID card in a card reader and its PIN1 and PIN2. You can change your vote as often as you like until voting ends: only your last vote counts.</source>
        <translation>You will need your ID card in a card reader and its PIN1 and PIN2. You can change your vote as often as you like until voting ends: only your last vote counts.</translation>
    </message>
    <message>
        <source>Vote collection server: %1</source>
        <translation>Vote collection server: %1</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connect</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Connects to the vote collection server and checks that it is the election's.</source>
        <translation>Connects to the vote collection server and checks that it is the election's.</translation>
    </message>
    <message>
        <source>The first step of voting.</source>
        <translation>The first step of voting.</translation>
    </message>
    <message>
        <source>What you need</source>
        <translation>What you need</translation>
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
        <translation>Choose one candidate: move with the arrow keys and tick with Space.</translation>
    </message>
    <message>
        <source>Choose up to %1 candidates: move with the arrow keys and tick with Space.</source>
        <translation>Choose up to %1 candidates: move with the arrow keys and tick with Space.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>name, party or number</source>
        <translation>name, party or number</translation>
    </message>
    <message>
        <source>Clear choice</source>
        <translation>Clear choice</translation>
    </message>
    <message>
        <source>Search candidates of %1</source>
        <translation>Search candidates of %1</translation>
    </message>
    <message>
        <source>Type a name, a party or a candidate number to show only the matching candidates.</source>
        <translation>Type a name, a party or a candidate number to show only the matching candidates.</translation>
    </message>
    <message>
        <source>Candidates of %1</source>
        <translation>Candidates of %1</translation>
    </message>
    <message>
        <source>Unticks every candidate of %1.</source>
        <translation>Unticks every candidate of %1.</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>Your choice</translation>
    </message>
    <message>
        <source>What you have chosen in %1.</source>
        <translation>What you have chosen in %1.</translation>
    </message>
    <message>
        <source>Nothing chosen: this contest is voted blank.</source>
        <translation>Nothing chosen: this contest is voted blank.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Chosen: %1</translation>
    </message>
    <message>
        <source>Rank up to %1 candidates: tick them with Space in the order you prefer them, the first one first. Ctrl+Up and Ctrl+Down move a ticked candidate up or down the order.</source>
        <translation>Rank up to %1 candidates: tick them with Space in the order you prefer them, the first one first. Ctrl+Up and Ctrl+Down move a ticked candidate up or down the order.</translation>
    </message>
</context>
<context>
    <name>evote::gui::DonePage</name>
    <message>
        <source>Your vote was received</source>
        <translation>Your vote was received</translation>
    </message>
    <message>
        <source>The vote collection server signed this receipt:</source>
        <translation>The vote collection server signed this receipt:</translation>
    </message>
    <message>
        <source>Vote id: %1</source>
        <translation>Vote id: %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <source>Number in the ballot box: %1</source>
        <translation>Number in the ballot box: %1</translation>
    </message>
    <message>
        <source>To check that your vote was recorded as you cast it, scan this QR code with the verification app on another device.</source>
        <translation>To check that your vote was recorded as you cast it, scan this QR code with the verification app on another device.</translation>
    </message>
    <message>
        <source>Save the QR code as &amp;PNG…</source>
        <translation>Save the QR code as &amp;PNG…</translation>
    </message>
    <message>
        <source>You may vote again; only your last vote counts.</source>
        <translation>You may vote again; only your last vote counts.</translation>
    </message>
    <message>
        <source>&amp;Vote again</source>
        <translation>&amp;Vote again</translation>
    </message>
    <message>
        <source>See my &amp;record</source>
        <translation>See my &amp;record</translation>
    </message>
    <message>
        <source>The last step of voting.</source>
        <translation>The last step of voting.</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Vote id</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Number in the ballot box</source>
        <translation>Number in the ballot box</translation>
    </message>
    <message>
        <source>QR code of the verification code</source>
        <translation>QR code of the verification code</translation>
    </message>
    <message>
        <source>Save the QR code as PNG</source>
        <translation>Save the QR code as PNG</translation>
    </message>
    <message>
        <source>Saves the QR code to a picture file, to scan it from another screen.</source>
        <translation>Saves the QR code to a picture file, to scan it from another screen.</translation>
    </message>
    <message>
        <source>Voting again</source>
        <translation>Voting again</translation>
    </message>
    <message>
        <source>Vote again</source>
        <translation>Vote again</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Goes back to the ballot to vote again.</translation>
    </message>
    <message>
        <source>See my record</source>
        <translation>See my record</translation>
    </message>
    <message>
        <source>Shows every vote you cast and every check of your votes.</source>
        <translation>Shows every vote you cast and every check of your votes.</translation>
    </message>
</context>
<context>
    <name>evote::gui::MainWindow</name>
    <message>
        <source>The app's settings cannot be read: %1</source>
        <translation>The app's settings cannot be read: %1</translation>
    </message>
    <message>
        <source>evote — internet voting</source>
        <translation>evote — internet voting</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>Working, please wait…</source>
        <translation>Working, please wait…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The language of the app: Estonian, English or Russian (Ctrl+L).</source>
        <translation>The language of the app: Estonian, English or Russian (Ctrl+L).</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Shown while the app waits for the card or the server.</source>
        <translation>Shown while the app waits for the card or the server.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>Save the QR code</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>PNG pictures (*.png)</translation>
    </message>
    <message>
        <source>The QR code could not be saved to %1.</source>
        <translation>The QR code could not be saved to %1.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ProblemPanel</name>
    <message>
        <source>Details for the helpdesk: %1</source>
        <translation>Details for the helpdesk: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Details for the helpdesk</source>
        <translation>Details for the helpdesk</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <source>Tries the step that failed once more.</source>
        <translation>Tries the step that failed once more.</translation>
    </message>
</context>
<context>
    <name>evote::gui::RecordPage</name>
    <message>
        <source>You are on the voter list (version %1), district %2.</source>
        <translation>You are on the voter list (version %1), district %2.</translation>
    </message>
    <message>
        <source>You are not on the voter list in force (version %1).</source>
        <translation>You are not on the voter list in force (version %1).</translation>
    </message>
    <message>
        <source>counts now</source>
        <translation>counts now</translation>
    </message>
    <message>
        <source>replaced by a later vote</source>
        <translation>replaced by a later vote</translation>
    </message>
    <message>
        <source>verification of the vote number %1 in the ballot box</source>
        <translation>verification of the vote number %1 in the ballot box</translation>
    </message>
    <message>
        <source>export %1 requested by %2 (votes %3)</source>
        <translation>export %1 requested by %2 (votes %3)</translation>
    </message>
    <message>
        <source>My record</source>
        <translation>My record</translation>
    </message>
    <message>
        <source>&amp;Votes you have cast (the last one counts):</source>
        <translation>&amp;Votes you have cast (the last one counts):</translation>
    </message>
    <message>
        <source>&amp;Checks and exports of your votes:</source>
        <translation>&amp;Checks and exports of your votes:</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Vote id</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Re&amp;fresh</translation>
    </message>
    <message>
        <source>&amp;Back to voting</source>
        <translation>&amp;Back to voting</translation>
    </message>
    <message>
        <source>What the vote collection server holds about you.</source>
        <translation>What the vote collection server holds about you.</translation>
    </message>
    <message>
        <source>Voter list</source>
        <translation>Voter list</translation>
    </message>
    <message>
        <source>Votes you have cast</source>
        <translation>Votes you have cast</translation>
    </message>
    <message>
        <source>One row per vote: its number in the ballot box, time, vote id and whether it counts now.</source>
        <translation>One row per vote: its number in the ballot box, time, vote id and whether it counts now.</translation>
    </message>
    <message>
        <source>Checks and exports of your votes</source>
        <translation>Checks and exports of your votes</translation>
    </message>
    <message>
        <source>Every verification of your votes and every export of the ballot box that held them.</source>
        <translation>Every verification of your votes and every export of the ballot box that held them.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Reads your record again from the server.</source>
        <translation>Reads your record again from the server.</translation>
    </message>
    <message>
        <source>Back to voting</source>
        <translation>Back to voting</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Goes back to the ballot to vote again.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ReviewPage</name>
    <message>
        <source>Check your choices</source>
        <translation>Check your choices</translation>
    </message>
    <message>
        <source>blank (nothing chosen)</source>
        <translation>blank (nothing chosen)</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Change</translation>
    </message>
    <message>
        <source>C&amp;ontinue to signing</source>
        <translation>C&amp;ontinue to signing</translation>
    </message>
    <message>
        <source>The fourth step of voting.</source>
        <translation>The fourth step of voting.</translation>
    </message>
    <message>
        <source>Your choices</source>
        <translation>Your choices</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Goes back to the ballot to change your choices.</source>
        <translation>Goes back to the ballot to change your choices.</translation>
    </message>
    <message>
        <source>Continue to signing</source>
        <translation>Continue to signing</translation>
    </message>
    <message>
        <source>Goes on to sign the vote with PIN2.</source>
        <translation>Goes on to sign the vote with PIN2.</translation>
    </message>
</context>
<context>
    <name>evote::gui::SignPage</name>
    <message>
        <source>Sign your vote with PIN2</source>
        <translation>Sign your vote with PIN2</translation>
    </message>
    <message>
        <source>Your vote is encrypted on this computer, signed with your ID card and sent to the vote collection server. Nobody can see how you voted.</source>
        <translation>Your vote is encrypted on this computer, signed with your ID card and sent to the vote collection server. Nobody can see how you voted.</translation>
    </message>
    <message>
        <source>P&amp;IN2:</source>
        <translation>P&amp;IN2:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <source>&amp;Sign and send the vote</source>
        <translation>&amp;Sign and send the vote</translation>
    </message>
    <message>
        <source>The fifth step of voting.</source>
        <translation>The fifth step of voting.</translation>
    </message>
    <message>
        <source>About signing</source>
        <translation>About signing</translation>
    </message>
    <message>
        <source>PIN2</source>
        <translation>PIN2</translation>
    </message>
    <message>
        <source>The PIN2 of your ID card, 5 to 12 digits. It is hidden.</source>
        <translation>The PIN2 of your ID card, 5 to 12 digits. It is hidden.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Goes back to your choices.</source>
        <translation>Goes back to your choices.</translation>
    </message>
    <message>
        <source>Sign and send the vote</source>
        <translation>Sign and send the vote</translation>
    </message>
    <message>
        <source>Signs the encrypted vote on the ID card with PIN2 and sends it.</source>
        <translation>Signs the encrypted vote on the ID card with PIN2 and sends it.</translation>
    </message>
</context>
</TS>
