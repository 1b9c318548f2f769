//! The ONE catalog of error texts in the interface languages: a text for every [`ErrorCode`],
//! one for every signing-crate error, for store refusals and for each [`Reason`] a use case
//! refuses with — each in kk, ru and en, filled from the error's params by
//! [`kelisim_core::messages::fill`] (validation problems have their own catalog in
//! `kelisim_core::messages`). The English `message` of an error stays the log's text; these are
//! what the interface shows.

use kelisim_core::messages::{fill, lookup, Entry};
use kelisim_core::UiLanguage;

use crate::dto::LocalizedDto;

mod findings;

pub use findings::{
    finding_text, modification_text, wrapping, APP_FINDINGS, FINDINGS, MODIFICATIONS,
    OBJECTLESS_KINDS,
};

/// Why a use case refused, as a stable key with the values its sentence names, and the English
/// sentence for logs. The key's kk/ru/en texts are in [`ERRORS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub key: &'static str,
    pub params: Vec<(&'static str, String)>,
    pub message: String,
}

impl Reason {
    /// A reason with its key, params and English sentence.
    pub fn new(
        key: &'static str,
        params: Vec<(&'static str, String)>,
        message: impl Into<String>,
    ) -> Reason {
        Reason {
            key,
            params,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The text of `key` with `params` in kk, ru and en; `fallback` (the English message) when the
/// key has no entry.
pub fn localized(key: &str, params: &[(&'static str, String)], fallback: &str) -> LocalizedDto {
    let filled = |text: &str, lang: UiLanguage| fill(text, &in_words(params, lang), lang);
    match lookup(ERRORS, key) {
        Some([kk, ru, en]) => LocalizedDto {
            kk: filled(kk, UiLanguage::Kk),
            ru: filled(ru, UiLanguage::Ru),
            en: filled(en, UiLanguage::En),
        },
        None => LocalizedDto {
            kk: fallback.to_owned(),
            ru: fallback.to_owned(),
            en: fallback.to_owned(),
        },
    }
}

/// `params` with a memorandum's status (`status`) and a workflow action (`action`) as the words
/// of `lang` (any other value, and any other param, as it is).
fn in_words(params: &[(&'static str, String)], lang: UiLanguage) -> Vec<(&'static str, String)> {
    params
        .iter()
        .map(|(name, value)| {
            let table = match *name {
                "status" => STATUS_WORDS,
                "action" => ACTION_WORDS,
                _ => &[],
            };
            let word = lookup(table, value).map(|w| w[kelisim_core::messages::slot(lang)]);
            (*name, word.map_or_else(|| value.clone(), str::to_owned))
        })
        .collect()
}

/// A memorandum's status (`Status::as_str`) in kk, ru and en.
pub const STATUS_WORDS: &[Entry] = &[
    ("draft", ["жоба", "проект", "draft"]),
    ("approved", ["бекітілген", "утверждён", "approved"]),
    ("signing", ["қол қойылуда", "на подписании", "being signed"]),
    ("signed", ["қол қойылған", "подписан", "signed"]),
    ("archived", ["мұрағатта", "в архиве", "archived"]),
];

/// A workflow action (`Action::as_str`) in kk, ru and en.
pub const ACTION_WORDS: &[Entry] = &[
    ("edit", ["өңдеу", "редактирование", "edit"]),
    ("approve", ["бекіту", "утверждение", "approve"]),
    ("reopen", ["жобаға қайтару", "возврат в проект", "reopen"]),
    ("sign", ["қол қою", "подписание", "sign"]),
    (
        "complete signing",
        [
            "қол қоюды аяқтау",
            "завершение подписания",
            "complete signing",
        ],
    ),
    ("archive", ["мұрағатқа жіберу", "архивирование", "archive"]),
];

/// Every error text: first one per [`ErrorCode`] (the code's name), then the signing crate's
/// codes, then the specific reasons.
///
/// [`ErrorCode`]: crate::ErrorCode
pub const ERRORS: &[Entry] = &[
    ("data_dir_unavailable", [
        "Деректер қалтасын пайдалану мүмкін емес",
        "Папку данных нельзя использовать",
        "the data folder cannot be used",
    ]),
    ("database_unavailable", [
        "Дерекқорды ашу не жаңарту мүмкін емес",
        "Базу данных нельзя открыть или обновить",
        "the database cannot be opened or brought up to date",
    ]),
    ("database", [
        "Дерекқордағы әрекет орындалмады. Ештеңе өзгерген жоқ; қайталап көріңіз, қате қайталанса, журналды қараңыз",
        "Действие в базе данных не выполнено. Ничего не изменилось; повторите, а если ошибка повторится, посмотрите журнал",
        "Kelisim could not complete this in its database. Nothing was changed; try again, and if it persists see the log",
    ]),
    ("invalid_input", [
        "Берілген мән қабылданбайды",
        "Переданное значение не принято",
        "a value given is not acceptable",
    ]),
    ("validation_failed", [
        "Құжатта қателер бар; әрқайсысы өз орнымен көрсетілген",
        "В документе есть ошибки; каждая указана со своим местом",
        "the document has problems; each is listed with its place",
    ]),
    ("not_found", [
        "Сұралған жазба табылмады",
        "Запрошенная запись не найдена",
        "what was asked for does not exist",
    ]),
    ("conflict", [
        "Меморандумның қазіргі күйінде бұл әрекетке рұқсат жоқ",
        "В текущем состоянии меморандума это действие не разрешено",
        "the action is not allowed in the memorandum's current state",
    ]),
    ("file", [
        "Файлды оқу не жазу мүмкін болмады",
        "Не удалось прочитать или записать файл",
        "a file could not be read or written",
    ]),
    ("internal", [
        "Kelisim ішкі қатеге тап болды; толығы журналда",
        "Внутренняя ошибка Kelisim; подробности в журнале",
        "Kelisim failed where it should not have; details are in the log",
    ]),
    ("wrong_passphrase", [
        "Құпия сөз кілтті ашпайды (немесе кілт файлы өзгертілген). Ештеңе өзгерген жоқ",
        "Пароль не открывает ключ (или файл ключа изменён). Ничего не изменилось",
        "the passphrase does not open the key (or the key file was altered). Nothing changed",
    ]),
    ("signature_invalid", [
        "Қолтаңба тексеруден өтпеді",
        "Подпись не прошла проверку",
        "a signature failed verification",
    ]),
    ("untrusted_signer", [
        "Қолтаңба дұрыс, бірақ қол қоюшыға сенім жоқ",
        "Подпись верна, но подписанту нет доверия",
        "the signature verifies but its signer is not trusted",
    ]),
    ("kdf_too_weak", [
        "Кілт файлындағы Argon2id құны тым төмен: кілтті сақтық көшірмеден қалпына келтіріңіз немесе жаңасын жасаңыз",
        "Стоимость Argon2id в файле ключа слишком мала: восстановите ключ из резервной копии или создайте новый",
        "the key file declares Argon2id costs that are too low: restore the key from a backup or create a new one",
    ]),
    // The same errors with the values they name.
    ("data_dir_at", [
        "Деректер қалтасын пайдалану мүмкін емес: {path}",
        "Папку данных нельзя использовать: {path}",
        "the data folder cannot be used: {path}",
    ]),
    ("database_at", [
        "Дерекқорды ашу не жаңарту мүмкін емес: {path}",
        "Базу данных нельзя открыть или обновить: {path}",
        "the database cannot be opened or brought up to date: {path}",
    ]),
    ("invalid_field", [
        "«{field}» мәні қабылданбайды",
        "Значение «{field}» не принято",
        "the value of \"{field}\" is not acceptable",
    ]),
    ("validation_failed_count", [
        "Құжатта {count} қате бар; әрқайсысы өз орнымен көрсетілген",
        "В документе ошибок: {count}; каждая указана со своим местом",
        "the document has {count} problem(s); each is listed with its place",
    ]),
    ("not_found_what", [
        "Табылмады: {what}",
        "Не найдено: {what}",
        "not found: {what}",
    ]),
    ("file_at", [
        "Файлды оқу не жазу мүмкін болмады: {path}",
        "Не удалось прочитать или записать файл: {path}",
        "the file could not be read or written: {path}",
    ]),
    ("kdf_too_weak_costs", [
        "Кілт файлындағы Argon2id құны тым төмен ({memory} КиБ, {passes} өту): кілтті сақтық көшірмеден қалпына келтіріңіз немесе жаңасын жасаңыз",
        "Стоимость Argon2id в файле ключа слишком мала ({memory} КиБ, проходов: {passes}): восстановите ключ из резервной копии или создайте новый",
        "the key file declares Argon2id costs that are too low ({memory} KiB, {passes} passes): restore the key from a backup or create a new one",
    ]),
    // The signing crate's codes.
    ("key_not_found", [
        "«{label}» кілті жоқ",
        "Ключа «{label}» нет",
        "there is no key \"{label}\"",
    ]),
    ("key_exists", [
        "«{label}» кілті бұрыннан бар",
        "Ключ «{label}» уже существует",
        "a key \"{label}\" exists already",
    ]),
    ("invalid_label", [
        "«{label}» кілт атауы бола алмайды",
        "«{label}» не может быть именем ключа",
        "\"{label}\" cannot be a key's label",
    ]),
    ("not_a_ca", [
        "«{label}» кілті куәландырушы орталық емес",
        "Ключ «{label}» не является удостоверяющим центром",
        "the key \"{label}\" is not a certificate authority",
    ]),
    ("invalid_subject", [
        "Сертификат иесінің деректері дұрыс емес",
        "Неверные данные владельца сертификата",
        "the certificate's subject is not valid",
    ]),
    ("invalid_key_file", [
        "Кілт файлы оқылмайды немесе бүлінген",
        "Файл ключа не читается или повреждён",
        "the key file cannot be read or is damaged",
    ]),
    ("unsupported_key_file_version", [
        "Кілт файлының бұл нұсқасы қолдау таппайды",
        "Эта версия файла ключа не поддерживается",
        "this version of the key file is not supported",
    ]),
    ("certificate_failed", [
        "Сертификатты жасау не оқу мүмкін болмады",
        "Не удалось создать или прочитать сертификат",
        "the certificate could not be made or read",
    ]),
    ("invalid_pdf", [
        "PDF файлын қол қою үшін оқу мүмкін емес",
        "PDF нельзя прочитать для подписания",
        "the PDF cannot be read for signing",
    ]),
    ("invalid_sign_options", [
        "Қол қою параметрлері дұрыс емес",
        "Неверные параметры подписания",
        "the signing options are not valid",
    ]),
    ("signature_too_large", [
        "Қолтаңба оған қалдырылған орынға сыймайды",
        "Подпись не помещается в отведённое ей место",
        "the signature does not fit the space reserved for it",
    ]),
    ("cms_failed", [
        "Қолтаңба контейнерін (CMS) жасау мүмкін болмады",
        "Не удалось создать контейнер подписи (CMS)",
        "the signature container (CMS) could not be made",
    ]),
    ("keystore_io", [
        "Кілттер қоймасын оқу не жазу мүмкін болмады",
        "Не удалось прочитать или записать хранилище ключей",
        "the keystore could not be read or written",
    ]),
    // Store refusals.
    ("workflow_refused", [
        "№ {id} меморандум: «{status}» күйінде «{action}» әрекетіне рұқсат жоқ",
        "Меморандум № {id}: в состоянии «{status}» действие «{action}» не разрешено",
        "memorandum {id}: \"{action}\" is not allowed while it is \"{status}\"",
    ]),
    ("stale_revision", [
        "№ {id} меморандум осы арада өзгертілді: ол {expected}-редакцияда емес, {current}-редакцияда; қайта ашып, қайталаңыз",
        "Меморандум № {id} за это время изменён: он в редакции {current}, а не {expected}; откройте его заново и повторите",
        "memorandum {id} is at revision {current}, not {expected}: it was changed meanwhile; reload it and try again",
    ]),
    ("duplicate_what", [
        "{what}: бұрыннан бар, ештеңе жазылған жоқ",
        "{what}: уже занято, ничего не записано",
        "{what}: already taken, nothing was written",
    ]),
    // Refusals of the use cases.
    ("amend_not_signed", [
        "№ {id} меморандум «{status}» күйінде: тек қол қойылған немесе мұрағаттағы меморандумға өзгеріс енгізуге болады",
        "Меморандум № {id} в состоянии «{status}»: изменить можно только подписанный или архивный меморандум",
        "memorandum {id} is {status}: only a signed or archived memorandum can be amended",
    ]),
    ("not_a_signatory", [
        "«{label}» кілті {signer} иесіне тиесілі, ол № {id} меморандумға қол қоюшы емес; қол қоюшылар: {signatories}",
        "Ключ «{label}» принадлежит {signer}, а он не подписант меморандума № {id}; подписанты: {signatories}",
        "the key \"{label}\" is for {signer}, who is not a signatory of memorandum {id}; its signatories are {signatories}",
    ]),
    ("signed_already", [
        "{signer} № {id} меморандумға қол қойып қойған",
        "{signer} уже подписал(а) меморандум № {id}",
        "{signer} has signed memorandum {id} already",
    ]),
    ("kelisim_pdf_signed_as_file", [
        "Бұл PDF — Kelisim меморандумы: алдымен оны импорттап, меморандум ретінде қол қойыңыз",
        "Этот PDF — меморандум Kelisim: импортируйте его и подпишите как меморандум",
        "this PDF is a Kelisim memorandum: import it and sign it as a memorandum",
    ]),
    ("draft_pdf_not_signed", [
        "Бұл PDF — жоба (әр бетінде «ЖОБА / ПРОЕКТ / DRAFT»): жобаға қол қойылмайды; меморандумды бекітіп, бекітілген PDF-ке қол қойыңыз",
        "Этот PDF — проект (на каждой странице «ЖОБА / ПРОЕКТ / DRAFT»): проект не подписывается; утвердите меморандум и подпишите утверждённый PDF",
        "this PDF is a draft (ЖОБА / ПРОЕКТ / DRAFT on every page): a draft is never signed; approve the memorandum and sign the approved PDF",
    ]),
    ("stored_pdf_does_not_verify", [
        "№ {id} меморандумның сақталған PDF файлы тексеруден өтпеді; ештеңеге қол қойылмады",
        "Сохранённый PDF меморандума № {id} не прошёл проверку; ничего не подписано",
        "the stored PDF of memorandum {id} does not verify; nothing was signed",
    ]),
    ("other_renderer", [
        "Сақталған PDF Kelisim-нің басқа нұсқасымен жасалған, сондықтан қолтаңба орындары табылмайды",
        "Сохранённый PDF создан другой версией Kelisim, поэтому места подписей не найти",
        "the stored PDF was rendered by another version of Kelisim, so the signature places cannot be found",
    ]),
    ("signature_not_in_place", [
        "«{field}» өрісіндегі қолтаңба қол қоюшының орнында емес",
        "Подпись в поле «{field}» стоит не на месте подписанта",
        "the signature in field \"{field}\" is not in a signatory's place",
    ]),
    ("signature_without_certificate", [
        "«{field}» өрісіндегі қолтаңбада сертификат жоқ",
        "В подписи в поле «{field}» нет сертификата",
        "the signature in field \"{field}\" carries no certificate",
    ]),
    ("signer_out_of_scope", [
        "«{field}» өрісіндегі қолтаңбаны {signer} (БСН {bin}) қойған, оған сенімді сертификат кепілдік бермейді",
        "Подпись в поле «{field}» поставил {signer} (БИН {bin}), за которого не ручается ни один доверенный сертификат",
        "the signature in field \"{field}\" is by {signer} (BIN {bin}), whom no trusted certificate vouches for",
    ]),
    ("signature_by_someone_else", [
        "{seat} орнындағы қолтаңбаны {signer} қойған",
        "Подпись на месте {seat} поставил {signer}",
        "the signature in the place of {seat} was made by {signer}",
    ]),
    ("signers_untrusted", [
        "Қолтаңбалар дұрыс, бірақ мына қол қоюшыларға сенім жоқ: {signers}; саусақ ізін салыстырып, сертификатты сенімділер қатарына қосыңыз",
        "Подписи верны, но этим подписантам нет доверия: {signers}; сверьте отпечаток и добавьте их сертификат в доверенные",
        "the signatures verify but these signers are not trusted: {signers}; compare the fingerprint and add their certificate",
    ]),
    ("pdf_refused", [
        "PDF қабылданбады: қолтаңбалар тексеруден өтпеді немесе қол қойылғаннан кейін өзгертілген",
        "PDF отклонён: подписи не прошли проверку или файл изменён после подписания",
        "the PDF is refused: its signatures do not verify or it was changed after signing",
    ]),
    ("not_continued", [
        "{which} ішінде бұл PDF жалғастырмайтын қол қойылған PDF бар; кезекпен, әрқайсысы келесінің соңғы PDF файлына қол қойыңыз",
        "В {which} есть подписанный PDF, который этот не продолжает; подписывайте по очереди, каждый — последний PDF другого",
        "{which} holds a signed PDF that this one does not continue; sign in turn, each on the other's latest PDF",
    ]),
    ("nothing_to_import_into", [
        "PDF файлын импорттайтын меморандум жоқ",
        "Нет меморандума, в который импортировать PDF",
        "nothing to import the PDF into",
    ]),
    ("pages_not_rederived", [
        "PDF қабылданбады: беттері ендірілген меморандумнан қайта алынбайды",
        "PDF отклонён: страницы не воспроизводятся из встроенного меморандума",
        "the PDF is refused: its pages are not re-derived from the embedded memorandum",
    ]),
    ("different_approved_text", [
        "Қайшылық: мұндағы № {id} меморандумның тараптары мен күні бірдей, бірақ бекітілген мәтіні басқа; ештеңе импортталмады",
        "Конфликт: у меморандума № {id} здесь те же стороны и дата, но другой утверждённый текст; ничего не импортировано",
        "conflict: memorandum {id} here has the same parties and date but a different approved text; nothing was imported",
    ]),
    ("certificate_not_for_key", [
        "«{label}» кілт файлындағы сертификат ондағы кілтке арналмаған; оған сенім жоқ",
        "Сертификат в файле ключа «{label}» выдан не для этого ключа; ему нет доверия",
        "the certificate in key file \"{label}\" is not for the key it holds; it is not trusted",
    ]),
    ("signature_did_not_verify", [
        "«{field}» өрісіндегі қолтаңба тексеруден өтпеді, сондықтан оның иесіне сенім берілмейді",
        "Подпись в поле «{field}» не прошла проверку, поэтому её автору нельзя доверять по ней",
        "the signature in the field \"{field}\" did not verify, so its signer is not trusted from it",
    ]),
    ("ca_from_pdf", [
        "«{field}» өрісіндегі қолтаңба куәландырушы орталықтың сертификатымен қойылған; оған PDF арқылы ешқашан сенім берілмейді",
        "Подпись в поле «{field}» сделана сертификатом удостоверяющего центра; ему никогда не доверяют по PDF",
        "the signature in the field \"{field}\" was made with a CA certificate; a CA is never trusted from a PDF",
    ]),
    // The registration journal's settings.
    ("journal_prefix_too_long", [
        "{field}: Тіркеу нөмірінің префиксі {max} таңбадан аспауы керек",
        "{field}: Префикс регистрационного номера — не более {max} символов",
        "{field}: the registration number's prefix is at most {max} characters",
    ]),
    ("journal_prefix_character", [
        "{field}: {character} таңбасы префикстің бөлігі бола алмайды",
        "{field}: Символ {character} не может входить в префикс",
        "{field}: {character} cannot be part of the prefix",
    ]),
    ("journal_padding_range", [
        "{field}: Санауыш ені 0-ден 9 цифрға дейін болады, {padding} емес",
        "{field}: Ширина счётчика — от 0 до 9 цифр, а не {padding}",
        "{field}: the counter's width is 0 to 9 digits, not {padding}",
    ]),
    ("journal_template_unpaired", [
        "{field}: «{template}» пішімінде жұбы жоқ жақша бар",
        "{field}: В формате «{template}» есть скобка без пары",
        "{field}: the format \"{template}\" has a brace without its pair",
    ]),
    ("journal_template_unknown_part", [
        "{field}: Пішімде белгісіз бөлік бар: {part}; {{prefix}}, {{counter}} және {{year}} жазыңыз",
        "{field}: В формате неизвестная часть {part}; пишите {{prefix}}, {{counter}} и {{year}}",
        "{field}: the format has an unknown part {part}; write {{prefix}}, {{counter}} and {{year}}",
    ]),
    ("journal_template_twice", [
        "{field}: Пішімде {part} екі рет кездеседі",
        "{field}: В формате {part} встречается дважды",
        "{field}: {part} appears twice in the format",
    ]),
    ("journal_template_no_counter", [
        "{field}: Пішімде {{counter}} болуы керек, мысалы «{{prefix}}{{counter}}»",
        "{field}: Формат должен содержать {{counter}}, например «{{prefix}}{{counter}}»",
        "{field}: the format must contain {{counter}}, e.g. \"{{prefix}}{{counter}}\"",
    ]),
    ("journal_template_character", [
        "{field}: {character} таңбасы нөмірдің бөлігі бола алмайды",
        "{field}: Символ {character} не может входить в номер",
        "{field}: {character} cannot be part of a number",
    ]),
    ("journal_next_taken", [
        "{field}: {next} нөмірі берілген немесе өтіп кеткен; келесісі {lowest} не одан үлкен болуы керек",
        "{field}: номер {next} уже присвоен или пройден; следующий может быть {lowest} или больше",
        "{field}: {next} is taken or passed already; the next can be {lowest} or more",
    ]),
    ("journal_number_too_long", [
        "{field}: Нөмір 64 таңбадан ұзын болар еді ({number})",
        "{field}: Номер получился бы длиннее 64 символов ({number})",
        "{field}: a number would be longer than 64 characters ({number})",
    ]),
    ("embedded_memorandum_unreadable", [
        "Ендірілген меморандумды оқу мүмкін емес",
        "Встроенный меморандум нельзя прочитать",
        "the embedded memorandum cannot be read",
    ]),
];

#[cfg(test)]
mod tests;
