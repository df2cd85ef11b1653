<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru">
<context>
    <name>Messages</name>
    <message>
        <source>Something unexpected went wrong. Press Try again; if it happens again, contact the election helpdesk.</source>
        <translation>Произошла непредвиденная ошибка. Нажмите «Попробовать снова»; если ошибка повторится, обратитесь в службу поддержки выборов.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Tries left: %2. Enter it again and press the button once more.</source>
        <translation>%1 неверный. Осталось попыток: %2. Введите его снова и нажмите кнопку ещё раз.</translation>
    </message>
    <message>
        <source>The %1 is wrong. Enter it again and press the button once more. After three wrong tries in a row the PIN is blocked.</source>
        <translation>%1 неверный. Введите его снова и нажмите кнопку ещё раз. После трёх неверных попыток подряд PIN блокируется.</translation>
    </message>
    <message>
        <source>Your %1 is blocked after too many wrong tries. Unblock it with your PUK code in the ID-software (DigiDoc4), then press Try again.</source>
        <translation>Ваш %1 заблокирован после слишком многих неверных попыток. Разблокируйте его кодом PUK в программе ID-software (DigiDoc4), затем нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>PIN1 has 4 to 12 digits, PIN2 has 5 to 12 digits. Enter your %1 again.</source>
        <translation>PIN1 состоит из 4–12 цифр, PIN2 — из 5–12 цифр. Введите ваш %1 снова.</translation>
    </message>
    <message>
        <source>The ID card was removed from the reader. Put it back in and press Try again.</source>
        <translation>ID-карта была извлечена из считывателя. Вставьте её обратно и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>No smart card reader was found. Connect the reader and press Try again.</source>
        <translation>Считыватель карт не найден. Подключите считыватель и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>There is no ID card in the reader. Insert your ID card and press Try again.</source>
        <translation>В считывателе нет ID-карты. Вставьте вашу ID-карту и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The card in the reader is not an ID card this app can use. Insert your ID card and press Try again.</source>
        <translation>Карта в считывателе не является ID-картой, которую может использовать это приложение. Вставьте вашу ID-карту и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The ID card software could not be loaded. Install the ID-software and press Try again.</source>
        <translation>Не удалось загрузить программу для ID-карты. Установите ID-software и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The ID card did not answer as expected. Take it out, put it back in and press Try again.</source>
        <translation>ID-карта ответила не так, как ожидалось. Извлеките её, вставьте снова и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>Cannot reach the vote collection server. Check your internet connection and press Try again.</source>
        <translation>Не удаётся связаться с сервером сбора голосов. Проверьте подключение к интернету и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The vote collection server did not answer in time. Press Try again.</source>
        <translation>Сервер сбора голосов не ответил вовремя. Нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The server could not be proven to be the election's vote collection server. Do not vote on this computer until this is solved; contact the election helpdesk. You may press Try again.</source>
        <translation>Не удалось подтвердить, что сервер является сервером сбора голосов этих выборов. Не голосуйте на этом компьютере, пока проблема не решена; обратитесь в службу поддержки выборов. Можно нажать «Попробовать снова».</translation>
    </message>
    <message>
        <source>The server's answer did not check, so your vote may not be stored correctly. Press Try again to vote again; if it happens again, contact the election helpdesk.</source>
        <translation>Ответ сервера не прошёл проверку, поэтому ваш голос мог быть сохранён неправильно. Нажмите «Попробовать снова», чтобы проголосовать ещё раз; если это повторится, обратитесь в службу поддержки выборов.</translation>
    </message>
    <message>
        <source>Your choice is not valid on this ballot. Change it and try again.</source>
        <translation>Ваш выбор недопустим в этом бюллетене. Измените его и попробуйте снова.</translation>
    </message>
    <message>
        <source>The app's settings file is wrong. Install the app again.</source>
        <translation>Файл настроек приложения повреждён. Установите приложение заново.</translation>
    </message>
    <message>
        <source>You are not on the voter list of this election. Contact the election helpdesk.</source>
        <translation>Вас нет в списке избирателей этих выборов. Обратитесь в службу поддержки выборов.</translation>
    </message>
    <message>
        <source>Voting is not open now.</source>
        <translation>Голосование сейчас не открыто.</translation>
    </message>
    <message>
        <source>Your session has expired. Press Try again and log in again.</source>
        <translation>Ваш сеанс истёк. Нажмите «Попробовать снова» и войдите снова.</translation>
    </message>
    <message>
        <source>The certificates of your ID card are not valid. Contact the Police and Border Guard Board.</source>
        <translation>Сертификаты вашей ID-карты недействительны. Обратитесь в Департамент полиции и погранохраны.</translation>
    </message>
    <message>
        <source>The vote collection server is busy. Wait a moment and press Try again.</source>
        <translation>Сервер сбора голосов занят. Подождите немного и нажмите «Попробовать снова».</translation>
    </message>
    <message>
        <source>The vote collection server refused the request (%1). Press Try again.</source>
        <translation>Сервер сбора голосов отклонил запрос (%1). Нажмите «Попробовать снова».</translation>
    </message>
</context>
<context>
    <name>evote::gui::CardPage</name>
    <message>
        <source>No ID card found yet.</source>
        <translation>ID-карта пока не найдена.</translation>
    </message>
    <message>
        <source>Card holder: %1, personal code %2</source>
        <translation>Владелец карты: %1, личный код %2</translation>
    </message>
    <message>
        <source>Card holder</source>
        <translation>Владелец карты</translation>
    </message>
    <message>
        <source>ID card and PIN1</source>
        <translation>ID-карта и PIN1</translation>
    </message>
    <message>
        <source>ID &amp;cards in the readers:</source>
        <translation>ID-&amp;карты в считывателях:</translation>
    </message>
    <message>
        <source>Look for cards a&amp;gain</source>
        <translation>Искать карты с&amp;нова</translation>
    </message>
    <message>
        <source>&amp;PIN1:</source>
        <translation>&amp;PIN1:</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>ID cards</source>
        <translation>ID-карты</translation>
    </message>
    <message>
        <source>The ID cards in the card readers; choose yours with the arrow keys.</source>
        <translation>ID-карты в считывателях; выберите свою клавишами со стрелками.</translation>
    </message>
    <message>
        <source>Look for cards again</source>
        <translation>Искать карты снова</translation>
    </message>
    <message>
        <source>Looks for ID cards again, after a card or reader was put in or taken out.</source>
        <translation>Снова ищет ID-карты после того, как карту или считыватель вставили или извлекли.</translation>
    </message>
    <message>
        <source>PIN1</source>
        <translation>PIN1</translation>
    </message>
    <message>
        <source>The PIN1 of the chosen ID card, 4 to 12 digits. It is hidden.</source>
        <translation>PIN1 выбранной ID-карты, от 4 до 12 цифр. Он скрыт.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Войти</translation>
    </message>
    <message>
        <source>Logs in to the vote collection server with the ID card.</source>
        <translation>Выполняет вход на сервер сбора голосов с ID-картой.</translation>
    </message>
    <message>
        <source>The second step of voting.</source>
        <translation>Второй шаг голосования.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ChoosePage</name>
    <message>
        <source>Your ballot</source>
        <translation>Ваш бюллетень</translation>
    </message>
    <message>
        <source>Hello, %1. Your district: %2. Choose in each contest; a contest left empty is voted blank.</source>
        <translation>Здравствуйте, %1. Ваш округ: %2. Сделайте выбор в каждом голосовании; голосование, оставленное пустым, считается пустым голосом.</translation>
    </message>
    <message>
        <source>&amp;Review your choices</source>
        <translation>&amp;Проверить выбор</translation>
    </message>
    <message>
        <source>The third step of voting: choose.</source>
        <translation>Третий шаг голосования: выбор.</translation>
    </message>
    <message>
        <source>Voter and district</source>
        <translation>Избиратель и округ</translation>
    </message>
    <message>
        <source>Review your choices</source>
        <translation>Проверить выбор</translation>
    </message>
    <message>
        <source>Shows what you chose before you sign the vote with PIN2.</source>
        <translation>Показывает ваш выбор до того, как вы подпишете голос с PIN2.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ConnectPage</name>
    <message>
        <source>Internet voting</source>
        <translation>Интернет-голосование</translation>
    </message>
    <message>
        <source>You will need your ID card in a card reader and its PIN1 and PIN2. You can change your vote as often as you like until voting ends: only your last vote counts.</source>
        <translation>Вам понадобятся ID-карта в считывателе и её коды PIN1 и PIN2. Вы можете менять свой голос сколько угодно раз до конца голосования: учитывается только последний голос.</translation>
    </message>
    <message>
        <source>Vote collection server: %1</source>
        <translation>Сервер сбора голосов: %1</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Подключиться</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Подключиться</translation>
    </message>
    <message>
        <source>Connects to the vote collection server and checks that it is the election's.</source>
        <translation>Подключается к серверу сбора голосов и проверяет, что это сервер этих выборов.</translation>
    </message>
    <message>
        <source>The first step of voting.</source>
        <translation>Первый шаг голосования.</translation>
    </message>
    <message>
        <source>What you need</source>
        <translation>Что вам нужно</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Сервер</translation>
    </message>
</context>
<context>
    <name>evote::gui::ContestWidget</name>
    <message>
        <source>Choose one candidate: move with the arrow keys and tick with Space.</source>
        <translation>Выберите одного кандидата: перемещайтесь клавишами со стрелками и отмечайте пробелом.</translation>
    </message>
    <message>
        <source>Choose up to %1 candidates: move with the arrow keys and tick with Space.</source>
        <translation>Выберите не более %1 кандидатов: перемещайтесь клавишами со стрелками и отмечайте пробелом.</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Поиск:</translation>
    </message>
    <message>
        <source>name, party or number</source>
        <translation>имя, партия или номер</translation>
    </message>
    <message>
        <source>Clear choice</source>
        <translation>Очистить выбор</translation>
    </message>
    <message>
        <source>Search candidates of %1</source>
        <translation>Поиск кандидатов: %1</translation>
    </message>
    <message>
        <source>Type a name, a party or a candidate number to show only the matching candidates.</source>
        <translation>Введите имя, партию или номер кандидата, чтобы показать только подходящих кандидатов.</translation>
    </message>
    <message>
        <source>Candidates of %1</source>
        <translation>Кандидаты: %1</translation>
    </message>
    <message>
        <source>Unticks every candidate of %1.</source>
        <translation>Снимает отметки со всех кандидатов: %1.</translation>
    </message>
    <message>
        <source>Your choice</source>
        <translation>Ваш выбор</translation>
    </message>
    <message>
        <source>What you have chosen in %1.</source>
        <translation>Что вы выбрали: %1.</translation>
    </message>
    <message>
        <source>Nothing chosen: this contest is voted blank.</source>
        <translation>Ничего не выбрано: в этом голосовании голос будет пустым.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Выбрано: %1</translation>
    </message>
    <message>
        <source>Rank up to %1 candidates: tick them with Space in the order you prefer them, the first one first. Ctrl+Up and Ctrl+Down move a ticked candidate up or down the order.</source>
        <translation>Расставьте по порядку не более %1 кандидатов: отмечайте их пробелом в порядке предпочтения, самого предпочтительного первым. Ctrl+Вверх и Ctrl+Вниз перемещают отмеченного кандидата выше или ниже.</translation>
    </message>
</context>
<context>
    <name>evote::gui::DonePage</name>
    <message>
        <source>Your vote was received</source>
        <translation>Ваш голос принят</translation>
    </message>
    <message>
        <source>The vote collection server signed this receipt:</source>
        <translation>Сервер сбора голосов подписал эту квитанцию:</translation>
    </message>
    <message>
        <source>Vote id: %1</source>
        <translation>Идентификатор голоса: %1</translation>
    </message>
    <message>
        <source>Time: %1</source>
        <translation>Время: %1</translation>
    </message>
    <message>
        <source>Number in the ballot box: %1</source>
        <translation>Номер в урне для голосования: %1</translation>
    </message>
    <message>
        <source>To check that your vote was recorded as you cast it, scan this QR code with the verification app on another device.</source>
        <translation>Чтобы проверить, что ваш голос записан так, как вы проголосовали, отсканируйте этот QR-код приложением проверки на другом устройстве.</translation>
    </message>
    <message>
        <source>Save the QR code as &amp;PNG…</source>
        <translation>Сохранить QR-код как &amp;PNG…</translation>
    </message>
    <message>
        <source>You may vote again; only your last vote counts.</source>
        <translation>Вы можете проголосовать снова; учитывается только ваш последний голос.</translation>
    </message>
    <message>
        <source>&amp;Vote again</source>
        <translation>&amp;Проголосовать снова</translation>
    </message>
    <message>
        <source>See my &amp;record</source>
        <translation>Моя &amp;история</translation>
    </message>
    <message>
        <source>The last step of voting.</source>
        <translation>Последний шаг голосования.</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Идентификатор голоса</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Number in the ballot box</source>
        <translation>Номер в урне для голосования</translation>
    </message>
    <message>
        <source>QR code of the verification code</source>
        <translation>QR-код кода проверки</translation>
    </message>
    <message>
        <source>Save the QR code as PNG</source>
        <translation>Сохранить QR-код как PNG</translation>
    </message>
    <message>
        <source>Saves the QR code to a picture file, to scan it from another screen.</source>
        <translation>Сохраняет QR-код в файл изображения, чтобы отсканировать его с другого экрана.</translation>
    </message>
    <message>
        <source>Voting again</source>
        <translation>Повторное голосование</translation>
    </message>
    <message>
        <source>Vote again</source>
        <translation>Проголосовать снова</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Возвращает к бюллетеню, чтобы проголосовать снова.</translation>
    </message>
    <message>
        <source>See my record</source>
        <translation>Моя история</translation>
    </message>
    <message>
        <source>Shows every vote you cast and every check of your votes.</source>
        <translation>Показывает все поданные вами голоса и каждую их проверку.</translation>
    </message>
</context>
<context>
    <name>evote::gui::MainWindow</name>
    <message>
        <source>The app's settings cannot be read: %1</source>
        <translation>Не удаётся прочитать настройки приложения: %1</translation>
    </message>
    <message>
        <source>evote — internet voting</source>
        <translation>evote — интернет-голосование</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>Working, please wait…</source>
        <translation>Выполняется, подождите…</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <source>The language of the app: Estonian, English or Russian (Ctrl+L).</source>
        <translation>Язык приложения: эстонский, английский или русский (Ctrl+L).</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Занято</translation>
    </message>
    <message>
        <source>Shown while the app waits for the card or the server.</source>
        <translation>Показывается, пока приложение ждёт карту или сервер.</translation>
    </message>
    <message>
        <source>Save the QR code</source>
        <translation>Сохранить QR-код</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Изображения PNG (*.png)</translation>
    </message>
    <message>
        <source>The QR code could not be saved to %1.</source>
        <translation>Не удалось сохранить QR-код в %1.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ProblemPanel</name>
    <message>
        <source>Details for the helpdesk: %1</source>
        <translation>Подробности для службы поддержки: %1</translation>
    </message>
    <message>
        <source>&amp;Try again</source>
        <translation>Попробовать &amp;снова</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Проблема</translation>
    </message>
    <message>
        <source>Details for the helpdesk</source>
        <translation>Подробности для службы поддержки</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Попробовать снова</translation>
    </message>
    <message>
        <source>Tries the step that failed once more.</source>
        <translation>Повторяет неудавшийся шаг ещё раз.</translation>
    </message>
</context>
<context>
    <name>evote::gui::RecordPage</name>
    <message>
        <source>You are on the voter list (version %1), district %2.</source>
        <translation>Вы в списке избирателей (версия %1), округ %2.</translation>
    </message>
    <message>
        <source>You are not on the voter list in force (version %1).</source>
        <translation>Вас нет в действующем списке избирателей (версия %1).</translation>
    </message>
    <message>
        <source>counts now</source>
        <translation>учитывается</translation>
    </message>
    <message>
        <source>replaced by a later vote</source>
        <translation>заменён более поздним голосом</translation>
    </message>
    <message>
        <source>verification of the vote number %1 in the ballot box</source>
        <translation>проверка голоса номер %1 в урне</translation>
    </message>
    <message>
        <source>export %1 requested by %2 (votes %3)</source>
        <translation>выгрузка %1 по запросу %2 (голоса %3)</translation>
    </message>
    <message>
        <source>My record</source>
        <translation>Моя история</translation>
    </message>
    <message>
        <source>&amp;Votes you have cast (the last one counts):</source>
        <translation>&amp;Поданные вами голоса (учитывается последний):</translation>
    </message>
    <message>
        <source>&amp;Checks and exports of your votes:</source>
        <translation>&amp;Проверки и выгрузки ваших голосов:</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Vote id</source>
        <translation>Идентификатор голоса</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Back to voting</source>
        <translation>&amp;Вернуться к голосованию</translation>
    </message>
    <message>
        <source>What the vote collection server holds about you.</source>
        <translation>Что сервер сбора голосов хранит о вас.</translation>
    </message>
    <message>
        <source>Voter list</source>
        <translation>Список избирателей</translation>
    </message>
    <message>
        <source>Votes you have cast</source>
        <translation>Поданные вами голоса</translation>
    </message>
    <message>
        <source>One row per vote: its number in the ballot box, time, vote id and whether it counts now.</source>
        <translation>Одна строка на голос: номер в урне, время, идентификатор голоса и учитывается ли он сейчас.</translation>
    </message>
    <message>
        <source>Checks and exports of your votes</source>
        <translation>Проверки и выгрузки ваших голосов</translation>
    </message>
    <message>
        <source>Every verification of your votes and every export of the ballot box that held them.</source>
        <translation>Каждая проверка ваших голосов и каждая выгрузка урны, в которой они были.</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Обновить</translation>
    </message>
    <message>
        <source>Reads your record again from the server.</source>
        <translation>Заново загружает вашу историю с сервера.</translation>
    </message>
    <message>
        <source>Back to voting</source>
        <translation>Вернуться к голосованию</translation>
    </message>
    <message>
        <source>Goes back to the ballot to vote again.</source>
        <translation>Возвращает к бюллетеню, чтобы проголосовать снова.</translation>
    </message>
</context>
<context>
    <name>evote::gui::ReviewPage</name>
    <message>
        <source>Check your choices</source>
        <translation>Проверьте свой выбор</translation>
    </message>
    <message>
        <source>blank (nothing chosen)</source>
        <translation>пустой (ничего не выбрано)</translation>
    </message>
    <message>
        <source>&amp;Change</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>C&amp;ontinue to signing</source>
        <translation>&amp;Перейти к подписи</translation>
    </message>
    <message>
        <source>The fourth step of voting.</source>
        <translation>Четвёртый шаг голосования.</translation>
    </message>
    <message>
        <source>Your choices</source>
        <translation>Ваш выбор</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <source>Goes back to the ballot to change your choices.</source>
        <translation>Возвращает к бюллетеню, чтобы изменить выбор.</translation>
    </message>
    <message>
        <source>Continue to signing</source>
        <translation>Перейти к подписи</translation>
    </message>
    <message>
        <source>Goes on to sign the vote with PIN2.</source>
        <translation>Переходит к подписи голоса с PIN2.</translation>
    </message>
</context>
<context>
    <name>evote::gui::SignPage</name>
    <message>
        <source>Sign your vote with PIN2</source>
        <translation>Подпишите свой голос с PIN2</translation>
    </message>
    <message>
        <source>Your vote is encrypted on this computer, signed with your ID card and sent to the vote collection server. Nobody can see how you voted.</source>
        <translation>Ваш голос шифруется на этом компьютере, подписывается вашей ID-картой и отправляется на сервер сбора голосов. Никто не увидит, как вы проголосовали.</translation>
    </message>
    <message>
        <source>P&amp;IN2:</source>
        <translation>P&amp;IN2:</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Назад</translation>
    </message>
    <message>
        <source>&amp;Sign and send the vote</source>
        <translation>П&amp;одписать и отправить голос</translation>
    </message>
    <message>
        <source>The fifth step of voting.</source>
        <translation>Пятый шаг голосования.</translation>
    </message>
    <message>
        <source>About signing</source>
        <translation>О подписи</translation>
    </message>
    <message>
        <source>PIN2</source>
        <translation>PIN2</translation>
    </message>
    <message>
        <source>The PIN2 of your ID card, 5 to 12 digits. It is hidden.</source>
        <translation>PIN2 вашей ID-карты, от 5 до 12 цифр. Он скрыт.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>Goes back to your choices.</source>
        <translation>Возвращает к вашему выбору.</translation>
    </message>
    <message>
        <source>Sign and send the vote</source>
        <translation>Подписать и отправить голос</translation>
    </message>
    <message>
        <source>Signs the encrypted vote on the ID card with PIN2 and sends it.</source>
        <translation>Подписывает зашифрованный голос на ID-карте с PIN2 и отправляет его.</translation>
    </message>
</context>
</TS>
