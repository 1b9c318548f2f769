//! The texts of what verification finds, in kk, ru and en: every code the signing crate's
//! verifier gives ([`kelisim_sign::FINDING_CODES`]), the findings of the agreement check made
//! here ([`APP_FINDINGS`]), and every modification kind ([`kelisim_sign::MODIFICATION_KINDS`]).
//! The English `message` of a finding stays the text of logs and CSV.

use kelisim_core::messages::{fill, lookup, slot, Entry};
use kelisim_core::UiLanguage;

use crate::dto::LocalizedDto;

const LANGUAGES: [UiLanguage; 3] = [UiLanguage::Kk, UiLanguage::Ru, UiLanguage::En];

/// The sentence of a finding `code` with its `params` in kk, ru and en; `fallback` (the English
/// message) in every language when the code has no entry.
pub fn finding_text(code: &str, params: &[(&'static str, String)], fallback: &str) -> LocalizedDto {
    localized_in(FINDINGS, code, params, fallback)
}

/// The sentence of a modification `kind`, naming its `object` (`12 0`) when it has one.
pub fn modification_text(kind: &str, object: Option<&str>, fallback: &str) -> LocalizedDto {
    let params = vec![("object", object.unwrap_or("?").to_owned())];
    localized_in(MODIFICATIONS, kind, &params, fallback)
}

/// A finding that wraps a modification in every language: `code`'s sentence with the param
/// `change` set to the modification's sentence in the same language.
pub fn wrapping(
    code: &str,
    params: &[(&'static str, String)],
    change: &LocalizedDto,
    fallback: &str,
) -> LocalizedDto {
    let [kk, ru, en] = LANGUAGES.map(|lang| {
        let mut all = params.to_vec();
        all.push(("change", lowercase_first(change.get(lang))));
        match lookup(FINDINGS, code) {
            Some(texts) => fill(texts[slot(lang)], &all, lang),
            None => fallback.to_owned(),
        }
    });
    LocalizedDto { kk, ru, en }
}

/// `text` with its first letter in lower case, to follow a colon.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn localized_in(
    table: &[Entry],
    code: &str,
    params: &[(&'static str, String)],
    fallback: &str,
) -> LocalizedDto {
    let [kk, ru, en] = LANGUAGES.map(|lang| match lookup(table, code) {
        Some(texts) => fill(texts[slot(lang)], params, lang),
        None => fallback.to_owned(),
    });
    LocalizedDto { kk, ru, en }
}

/// The findings of this crate's agreement check (not the signing crate's), each with the params
/// its sentence may name.
pub const APP_FINDINGS: &[(&str, &[&str])] = &[
    ("appended_without_signature", &[]),
    ("changed_after_rendering", &["change", "kind", "object"]),
    ("agreement_approved_here", &["memorandum", "revision"]),
    ("agreement_rederived_before", &["at"]),
    ("agreement_matches", &[]),
    ("agreement_differs", &[]),
    ("agreement_changed_after", &[]),
    ("agreement_other_renderer", &["producer", "renderer"]),
    ("agreement_not_kelisim", &[]),
    ("agreement_draft", &[]),
    ("agreement_no_revision", &[]),
    ("agreement_unreadable", &[]),
    ("agreement_no_memorandum", &[]),
    ("agreement_memorandum_too_large", &["size", "base"]),
    ("agreement_memorandum_unreadable", &[]),
    ("agreement_render_failed", &[]),
];

/// The modification kinds that never name an object.
pub const OBJECTLESS_KINDS: &[&str] = &[
    "catalog_replaced",
    "info_changed",
    "encrypted_later",
    "certified_no_changes",
    "base_unreadable",
    "unreferenced_update",
];

/// Every finding's text: the verifier's codes, then the agreement check's.
pub const FINDINGS: &[Entry] = &[
    // The file as a whole.
    ("not_a_pdf", [
        "Файл PDF емес: %PDF- тақырыбы жоқ",
        "Файл не является PDF: нет заголовка %PDF-",
        "the file is not a PDF (no %PDF- header)",
    ]),
    ("pdf_too_deep", [
        "PDF құрылымының ішкі деңгейлері тым терең; файл талданбады",
        "Вложенность структуры PDF слишком глубока; файл не анализировался",
        "the PDF nests arrays or dictionaries too deeply; it was not analysed",
    ]),
    ("pdf_unreadable", [
        "PDF файлын оқу мүмкін емес",
        "PDF-файл невозможно прочитать",
        "the PDF cannot be parsed",
    ]),
    ("pdf_structure_refused", [
        "PDF файлының құрылымы қабылданбады (себебі: {structure_code})",
        "Структура PDF-файла отклонена (причина: {structure_code})",
        "the PDF's structure is refused ({structure_code})",
    ]),
    ("verification_not_started", [
        "Тексеруді бастау мүмкін болмады; қайталап көріңіз",
        "Не удалось начать проверку; повторите попытку",
        "verification could not be started; try again",
    ]),
    ("file_incomplete_revision", [
        "Файл толық редакциямен аяқталмайды: соңғы %%EOF белгісінен кейін деректер бар",
        "Файл не заканчивается полной редакцией: после последней метки %%EOF есть данные",
        "the file does not end with a complete revision (data after the last %%EOF)",
    ]),
    ("objects_unreadable", [
        "Сілтемелер кестесінде көрсетілген {count} объектіні оқу мүмкін емес (біріншісі: {object})",
        "Не удаётся прочитать объекты, указанные в таблице перекрёстных ссылок: {count} (первый: {object})",
        "{count} objects listed in the cross-reference table cannot be read (first: {object})",
    ]),
    ("pdf_encrypted", [
        "PDF файлы шифрланған",
        "PDF-файл зашифрован",
        "the PDF is encrypted",
    ]),
    ("too_many_signatures", [
        "PDF файлында {count} қолтаңба бар; ең көбі {limit} қолтаңба тексеріледі",
        "В PDF-файле подписей: {count}; проверяется не более {limit}",
        "the PDF has {count} signatures; at most {limit} are verified",
    ]),
    // One signature's dictionary and byte range.
    ("signature_not_dictionary", [
        "Қолтаңба өрісінің мәні қолтаңба сөздігі емес",
        "Значение поля подписи не является словарём подписи",
        "the field's value is not a signature dictionary",
    ]),
    ("contents_missing", [
        "Қолтаңба мәні (/Contents) жоқ немесе бос",
        "Значение подписи (/Contents) отсутствует или пусто",
        "the signature value (/Contents) is missing or empty",
    ]),
    ("byte_range_missing", [
        "Қол қойылған байттар ауқымы (/ByteRange) жоқ немесе қате жазылған",
        "Диапазон подписанных байтов (/ByteRange) отсутствует или записан неверно",
        "the signed byte range (/ByteRange) is missing or malformed",
    ]),
    ("byte_range_not_from_start", [
        "Қол қойылған байттар ауқымы файлдың басынан басталмайды",
        "Диапазон подписанных байтов начинается не с начала файла",
        "the signed byte range does not start at the beginning of the file",
    ]),
    ("byte_range_out_of_bounds", [
        "Қол қойылған байттар ауқымы қабаттасады, кері бағытталған немесе файлдан тыс шығады",
        "Диапазон подписанных байтов перекрывается, идёт в обратном порядке или выходит за пределы файла",
        "the signed byte range overlaps, runs backwards or leaves the file",
    ]),
    ("byte_range_gap_not_hex", [
        "Қолтаңбадан тыс қалдырылған бөлік он алтылық жол емес",
        "Исключённая из подписи часть не является шестнадцатеричной строкой",
        "the bytes left out of the signature are not a hex string",
    ]),
    ("byte_range_gap_not_contents", [
        "Қолтаңбадан тыс қалдырылған бөлік қолтаңба мәні (/Contents) емес",
        "Исключённая из подписи часть не является значением подписи (/Contents)",
        "the bytes left out of the signature are not the /Contents value",
    ]),
    ("byte_range_not_revision_end", [
        "Қол қойылған байттар ауқымы {offset}-байтта аяқталады; бұл редакцияның соңы емес",
        "Диапазон подписанных байтов заканчивается на байте {offset}, а не в конце редакции",
        "the signed byte range ends at byte {offset}, not at the end of a revision",
    ]),
    ("signature_wrapping", [
        "Қолтаңба басқа деректерге көшірілген (қолтаңбаны орау)",
        "Подпись перенесена на другие данные («обёртывание» подписи)",
        "the signature was moved onto other data (signature wrapping)",
    ]),
    ("signature_duplicated", [
        "Басқа қолтаңбада да дәл осындай қолтаңба мәні бар",
        "Другая подпись содержит то же самое значение подписи",
        "another signature carries the same signature value",
    ]),
    ("signed_revision_unreadable", [
        "Қол қойылған редакцияны жеке оқу мүмкін емес",
        "Подписанную редакцию невозможно прочитать отдельно",
        "the signed revision cannot be parsed on its own",
    ]),
    ("docmdp_not_in_perms", [
        "Куәландыру қолтаңбасы (DocMDP) құжат каталогының /Perms жазбасында көрсетілмеген",
        "Удостоверяющая подпись (DocMDP) не указана в записи /Perms каталога документа",
        "a certification (DocMDP) signature that the catalog's /Perms does not name",
    ]),
    // The CMS.
    ("contents_not_cms", [
        "Қолтаңба мәні CMS құрылымы емес",
        "Значение подписи не является структурой CMS",
        "the signature value is not a CMS structure",
    ]),
    ("contents_trailing_data", [
        "Қолтаңба мәнінде CMS құрылымынан кейін артық деректер бар ({length} байттың {offset}-байтынан бастап)",
        "В значении подписи после структуры CMS есть лишние данные (с байта {offset} из {length})",
        "the signature value holds data after the CMS structure (byte {offset} of {length})",
    ]),
    ("cms_malformed", [
        "Қолтаңба контейнері (CMS SignedData) қате құрылған",
        "Контейнер подписи (CMS SignedData) сформирован неверно",
        "the signature container (CMS SignedData) is malformed",
    ]),
    ("cms_signer_count", [
        "Қолтаңба контейнерінде дәл бір қол қоюшы болуға тиіс",
        "Контейнер подписи должен содержать ровно одного подписанта",
        "the signature container must hold exactly one signer",
    ]),
    ("cms_not_detached", [
        "Қолтаңба бөлек емес: контейнердің өзінде қол қойылған мазмұн бар",
        "Подпись не является отсоединённой: контейнер сам содержит подписанное содержимое",
        "the signature is not detached: the container holds the signed content",
    ]),
    ("signer_certificate_missing", [
        "Қол қоюшының сертификаты қолтаңбада жоқ",
        "Сертификат подписанта отсутствует в подписи",
        "the signer's certificate is not in the signature",
    ]),
    ("signer_certificate_unreadable", [
        "Қол қоюшының сертификатын оқу мүмкін емес",
        "Сертификат подписанта невозможно прочитать",
        "the signer's certificate cannot be read",
    ]),
    ("digest_algorithm_unsupported", [
        "Хэштеу алгоритміне қолдау көрсетілмейді",
        "Алгоритм хеширования не поддерживается",
        "the digest algorithm is not supported",
    ]),
    ("signed_attributes_missing", [
        "Қолтаңбада қол қойылған атрибуттар жоқ, сондықтан ол сертификатпен байланыстырылмаған",
        "В подписи нет подписанных атрибутов, поэтому она не связана с сертификатом",
        "the signature has no signed attributes, so nothing binds it to its certificate",
    ]),
    ("signed_attribute_repeated", [
        "Қол қойылған {attribute} атрибуты бірнеше рет кездеседі немесе бірнеше мәннен тұрады",
        "Подписанный атрибут {attribute} повторяется или содержит несколько значений",
        "the signed attribute {attribute} is repeated or holds several values",
    ]),
    ("content_type_invalid", [
        "Мазмұн түрінің атрибуты (content-type) жоқ немесе id-data емес",
        "Атрибут типа содержимого (content-type) отсутствует или не равен id-data",
        "the content-type attribute is missing or not id-data",
    ]),
    ("digest_mismatch", [
        "Құжаттың хэші қолтаңбадағы хэшпен сәйкес келмейді: қол қойылған деректер өзгертілген",
        "Хеш документа не совпадает с хешем в подписи: подписанные данные изменены",
        "the document digest does not match the signed message-digest: the signed data was changed",
    ]),
    ("message_digest_missing", [
        "Қолтаңбада хэш атрибуты (message-digest) жоқ",
        "В подписи нет атрибута хеша (message-digest)",
        "the signature has no message-digest attribute",
    ]),
    ("signing_certificate_missing", [
        "Қол қоюшының сертификатын көрсететін атрибут (signing-certificate-v2) жоқ",
        "Нет атрибута, указывающего сертификат подписанта (signing-certificate-v2)",
        "no signing-certificate-v2 (or signing-certificate) attribute names the signer's certificate",
    ]),
    ("signing_certificate_malformed", [
        "Қол қоюшы сертификатының атрибутын оқу мүмкін емес немесе онда белгісіз хэштеу алгоритмі қолданылған",
        "Атрибут сертификата подписанта не читается или использует неизвестный алгоритм хеширования",
        "the signing-certificate attribute cannot be read (or uses an unknown hash)",
    ]),
    ("signing_certificate_mismatch", [
        "Қолтаңба атрибуты онымен бірге берілген сертификатты емес, басқа сертификатты көрсетеді",
        "Атрибут подписи указывает не тот сертификат, с которым подпись представлена",
        "the signing-certificate attribute names another certificate than the one the signature was found with",
    ]),
    ("signature_does_not_verify", [
        "Қолтаңба қол қоюшының кілтімен расталмайды",
        "Подпись не подтверждается ключом подписанта",
        "the signature does not verify with the signer's key",
    ]),
    ("signature_unverifiable", [
        "Қолтаңбаны тексеру мүмкін емес: ол қате жазылған немесе оның алгоритміне қолдау көрсетілмейді",
        "Подпись невозможно проверить: она записана неверно или её алгоритм не поддерживается",
        "the signature cannot be checked: it is malformed or its algorithm is not supported",
    ]),
    // The certificates and trust.
    ("certificate_not_valid_at_signing_time", [
        "«{certificate}» сертификаты қол қойылған уақытта жарамды болмаған",
        "Сертификат «{certificate}» не был действителен на момент подписания",
        "the certificate \"{certificate}\" was not valid at the signing time",
    ]),
    ("certificate_pool_too_large", [
        "Қолтаңбада {count} сертификат бар; ең көбі {limit} сертификат қаралады",
        "Подпись содержит сертификатов: {count}; рассматривается не более {limit}",
        "the signature carries {count} certificates; at most {limit} are considered",
    ]),
    ("certificate_unknown_critical_extension", [
        "«{certificate}» сертификатында белгісіз сыни кеңейтім бар ({extension})",
        "Сертификат «{certificate}» содержит неизвестное критическое расширение ({extension})",
        "the certificate \"{certificate}\" has the critical extension {extension}, which is not understood",
    ]),
    ("signer_key_usage", [
        "Қол қоюшы сертификатындағы кілттің мақсаты құжаттарға қол қоюға рұқсат бермейді",
        "Назначение ключа в сертификате подписанта не разрешает подписывать документы",
        "the signer's certificate's key usage does not allow signing documents",
    ]),
    ("chain_issuer_not_ca", [
        "Сертификатты берген «{certificate}» куәландырушы орталық емес",
        "Выдавший сертификат «{certificate}» не является удостоверяющим центром",
        "the issuing certificate \"{certificate}\" is not a certificate authority",
    ]),
    ("chain_issuer_key_usage", [
        "Сертификатты берген «{certificate}» сертификаттарға қол қоюға құқылы емес",
        "Выдавший сертификат «{certificate}» не вправе подписывать сертификаты",
        "the issuing certificate \"{certificate}\" may not sign certificates",
    ]),
    ("chain_path_length_exceeded", [
        "Сертификатты берген «{certificate}» өзінен төмен мұнша аралық сертификатқа рұқсат бермейді",
        "Выдавший сертификат «{certificate}» не допускает столько промежуточных сертификатов ниже себя",
        "the issuing certificate \"{certificate}\" allows fewer intermediate certificates below it than the path has",
    ]),
    ("trust_scope_this_certificate", [
        "{fingerprint} сенімді сертификаты тек өз қолтаңбалары үшін сенімді; ол басқа сертификаттарды беруші ретінде сенімді емес",
        "Доверенный сертификат {fingerprint} доверен только для собственных подписей, а не как издатель других сертификатов",
        "the trusted certificate {fingerprint} is trusted for its own signatures only, not as an issuer",
    ]),
    ("trust_scope_bin_mismatch", [
        "Қол қоюшының сертификатында БСН {bin} көрсетілген, ал {fingerprint} сенімді сертификаты тек мына БСН үшін кепілдік береді: {bins}",
        "В сертификате подписанта указан БИН {bin}, а доверенный сертификат {fingerprint} ручается только за БИН: {bins}",
        "the signer's certificate names BIN {bin}, but the trusted certificate {fingerprint} vouches only for BIN {bins}",
    ]),
    ("trust_scope_no_bin", [
        "Қол қоюшының сертификатында БСН жоқ, ал {fingerprint} сенімді сертификаты ұйымдар үшін тек БСН бойынша кепілдік береді",
        "В сертификате подписанта нет БИН, а доверенный сертификат {fingerprint} ручается за организации только по БИН",
        "the signer's certificate names no BIN, and the trusted certificate {fingerprint} vouches only for organisations by BIN",
    ]),
    ("trust_search_exhausted", [
        "Сертификатты беруші болуы мүмкін сертификаттар тым көп; сенім тізбегі құрылмады",
        "Слишком много возможных издателей сертификата; цепочка доверия не построена",
        "too many candidate issuers to check; no path to trust was built",
    ]),
    ("trust_no_path", [
        "Қол қоюшының сертификатынан сенімді сертификатқа дейін тізбек жоқ",
        "Нет цепочки от сертификата подписанта к доверенному сертификату",
        "no path from the signer's certificate to a trusted certificate",
    ]),
    // The agreement check: what the pages are.
    ("appended_without_signature", [
        "Бастапқы редакцияға қолтаңбасыз деректер қосылған",
        "К исходной редакции добавлены данные без подписи",
        "data was appended to the rendering without a signature",
    ]),
    ("changed_after_rendering", [
        "Бастапқы редакциядан кейін өзгертілген: {change}",
        "Изменено после исходной редакции: {change}",
        "changed after rendering: {change}",
    ]),
    ("agreement_approved_here", [
        "Бірінші редакция — осы Kelisim-де бекітілген PDF (№ {memorandum} меморандум, {revision}-редакция)",
        "Первая редакция — PDF, утверждённый в этом Kelisim (меморандум № {memorandum}, редакция {revision})",
        "the first revision is the PDF approved on this installation (memorandum {memorandum}, revision {revision})",
    ]),
    ("agreement_rederived_before", [
        "Бірінші редакция — ендірілген меморандумның беттелуі; бұл осы жерде {at} кезінде қайта беттеліп салыстырылған",
        "Первая редакция — вёрстка встроенного меморандума; это проверено здесь повторной вёрсткой {at}",
        "the first revision is the rendering of the embedded memorandum (rendered again and compared here at {at})",
    ]),
    ("agreement_matches", [
        "Бірінші редакция — ендірілген меморандумның дәл өзінің беттелуі",
        "Первая редакция — в точности вёрстка встроенного меморандума",
        "the first revision is the rendering of the embedded memorandum",
    ]),
    ("agreement_differs", [
        "Бірінші редакция ендірілген меморандумның беттелуі емес: беттердегі мәтін келісілген мәтін емес",
        "Первая редакция не является вёрсткой встроенного меморандума: текст на страницах — не согласованный текст",
        "the first revision is not the rendering of the embedded memorandum",
    ]),
    ("agreement_changed_after", [
        "Бірінші редакция — ендірілген меморандумның беттелуі, бірақ кейін файлға қолтаңбалардан басқа өзгерістер енгізілген",
        "Первая редакция — вёрстка встроенного меморандума, но затем в файл внесены изменения помимо подписей",
        "the first revision is the rendering of the embedded memorandum, but the file was changed afterwards other than by signatures",
    ]),
    ("agreement_other_renderer", [
        "Файлды {producer} бағдарламасы жасаған, ал бұл — {renderer}; сондықтан беттерді қайта беттеп салыстыру мүмкін емес",
        "Файл создан программой {producer}, а это {renderer}; поэтому страницы нельзя сверстать заново и сравнить",
        "made by {producer}; this is {renderer}, so the pages cannot be re-derived",
    ]),
    ("agreement_not_kelisim", [
        "Файлды Kelisim жасамаған",
        "Файл создан не в Kelisim",
        "the producer is not Kelisim",
    ]),
    ("agreement_draft", [
        "Бұл — жоба (әр бетінде «ЖОБА / ПРОЕКТ / DRAFT»): ол ешқашан келісілген мәтін емес және оған қол қойылмайды",
        "Это проект (на каждой странице «ЖОБА / ПРОЕКТ / DRAFT»): он никогда не является согласованным текстом и не подписывается",
        "a draft (ЖОБА / ПРОЕКТ / DRAFT on every page): never the agreed text, and never signed",
    ]),
    ("agreement_no_revision", [
        "Файлда бірде-бір толық редакция жоқ",
        "В файле нет ни одной полной редакции",
        "the file has no complete revision",
    ]),
    ("agreement_unreadable", [
        "Бірінші редакцияны оқу мүмкін емес",
        "Первую редакцию невозможно прочитать",
        "the first revision cannot be read",
    ]),
    ("agreement_no_memorandum", [
        "Бірінші редакцияда ендірілген memorandum.json жоқ",
        "В первой редакции нет встроенного memorandum.json",
        "no embedded memorandum.json in the first revision",
    ]),
    ("agreement_memorandum_too_large", [
        "Ендірілген меморандум ({size} байт) оның беттелуі болуға тиіс бірінші редакциядан ({base} байт) әлдеқайда үлкен; ол беттелмеді",
        "Встроенный меморандум ({size} байт) намного больше первой редакции ({base} байт), которая должна быть его вёрсткой; вёрстка не выполнялась",
        "the embedded memorandum ({size} bytes) is far larger than the first revision ({base} bytes) that would be its rendering; it was not rendered",
    ]),
    ("agreement_memorandum_unreadable", [
        "Ендірілген меморандумды оқу мүмкін емес",
        "Встроенный меморандум невозможно прочитать",
        "the embedded memorandum cannot be read",
    ]),
    ("agreement_render_failed", [
        "Ендірілген меморандумды қайта беттеу мүмкін болмады",
        "Не удалось заново сверстать встроенный меморандум",
        "the pages could not be rendered again from the embedded memorandum",
    ]),
];

/// Every modification kind's text. The signature card or the finding that lists the change
/// says when it was made (after which signature, after the rendering).
pub const MODIFICATIONS: &[Entry] = &[
    ("catalog_replaced", [
        "Құжат каталогы басқасымен ауыстырылған",
        "Каталог документа заменён другим",
        "the document catalog was replaced",
    ]),
    ("catalog_changed", [
        "Құжат каталогы ({object} объектісі) өзгертілген",
        "Изменён каталог документа (объект {object})",
        "the document catalog (object {object}) was changed",
    ]),
    ("info_changed", [
        "Құжат туралы мәліметтер (/Info) ауыстырылған",
        "Заменены сведения о документе (/Info)",
        "the document information (/Info) was replaced",
    ]),
    ("encrypted_later", [
        "Құжат кейін шифрланған",
        "Документ зашифрован позднее",
        "the document was encrypted later",
    ]),
    ("form_changed", [
        "Құжаттың пішіні ({object} объектісі) өзгертілген",
        "Изменена форма документа (объект {object})",
        "the document's form (object {object}) was changed",
    ]),
    ("page_changed", [
        "Бет ({object} объектісі) өзгертілген",
        "Изменена страница (объект {object})",
        "a page (object {object}) was changed",
    ]),
    ("page_content_changed", [
        "Беттің мазмұны ({object} объектісі) өзгертілген",
        "Изменено содержимое страницы (объект {object})",
        "a page's content (object {object}) was changed",
    ]),
    ("object_changed", [
        "{object} объектісі өзгертілген",
        "Изменён объект {object}",
        "object {object} was changed",
    ]),
    ("object_removed", [
        "{object} объектісі жойылған",
        "Удалён объект {object}",
        "object {object} was removed",
    ]),
    ("dangling_reference_filled", [
        "Бұрын тек сілтемесі болған {object} объектісі қосылған",
        "Добавлен объект {object}, на который раньше была только ссылка",
        "object {object}, only referred to before, was added",
    ]),
    ("direct_dictionary", [
        "Аннотациялар немесе өрістер тізіміне сөздік тікелей жазылған ({object} объектісі)",
        "В список аннотаций или полей словарь вписан напрямую (объект {object})",
        "a dictionary was written directly into a list of annotations or fields (object {object})",
    ]),
    ("list_rewritten", [
        "Аннотациялар немесе өрістер тізімі ({object} объектісі) қайта жазылған",
        "Переписан список аннотаций или полей (объект {object})",
        "a list of annotations or fields (object {object}) was rewritten",
    ]),
    ("annotation_added", [
        "Қолтаңба болып табылмайтын аннотация ({object} объектісі) қосылған",
        "Добавлена аннотация, не являющаяся подписью (объект {object})",
        "an annotation that is not a signature (object {object}) was added",
    ]),
    ("annotation_moved", [
        "Бұрыннан бар {object} объектісі аннотациялар немесе өрістер тізіміне қосылған",
        "Существовавший ранее объект {object} добавлен в список аннотаций или полей",
        "the existing object {object} was added to a list of annotations or fields",
    ]),
    ("signature_widget_malformed", [
        "Қосылған қолтаңба өрісінің ({object} объектісі) құрылымы дұрыс емес",
        "Добавленное поле подписи (объект {object}) имеет неверную структуру",
        "a new signature field (object {object}) is malformed",
    ]),
    ("unsigned_signature_field", [
        "Қолтаңбасы жоқ қолтаңба өрісі ({object} объектісі) қосылған",
        "Добавлено поле подписи без подписи (объект {object})",
        "a signature field without a signature (object {object}) was added",
    ]),
    ("visible_signature_field_after_certification", [
        "Куәландырудан кейін жаңа көрінетін қолтаңба өрісі ({object} объектісі) қосылған",
        "После удостоверения добавлено новое видимое поле подписи (объект {object})",
        "a new visible signature field (object {object}) was added after certification",
    ]),
    ("visible_signature_outside_place", [
        "Көрінетін қолтаңба ({object} объектісі) қолтаңбаларға арналған орындардан тыс тұр",
        "Видимая подпись (объект {object}) стоит вне мест, отведённых для подписей",
        "a visible signature (object {object}) lies outside the places reserved for signatures",
    ]),
    ("signature_place_taken", [
        "Қолтаңба ({object} объектісі) басқа қолтаңба тұрған орынға қойылған",
        "Подпись (объект {object}) поставлена на место, уже занятое другой подписью",
        "a signature (object {object}) was put in a place another signature holds",
    ]),
    ("several_widgets_for_one_signature", [
        "Бір қолтаңбаның бірнеше бейнесі бар ({object} объектісі)",
        "У одной подписи несколько изображений (объект {object})",
        "one signature has several widgets (object {object})",
    ]),
    ("signature_field_fill_changed", [
        "Бос қолтаңба өрісі ({object} объектісі) толтырылғанда қолтаңбадан басқасы да өзгертілген",
        "При заполнении пустого поля подписи (объект {object}) изменено не только значение подписи",
        "filling the empty signature field (object {object}) changed more than its signature",
    ]),
    ("unaccounted_object", [
        "Ешбір рұқсат етілген толықтыруға жатпайтын {object} объектісі қосылған",
        "Добавлен объект {object}, не относящийся ни к одному допустимому дополнению",
        "object {object} was added that no allowed addition accounts for",
    ]),
    ("extensions_changed", [
        "Құжат кеңейтімдері (/Extensions, {object} объектісі) өзгертілген",
        "Изменены расширения документа (/Extensions, объект {object})",
        "the document's extensions (/Extensions, object {object}) were changed",
    ]),
    ("certification_changed", [
        "Куәландыру рұқсаттары (/Perms, {object} объектісі) өзгертілген",
        "Изменены разрешения удостоверения (/Perms, объект {object})",
        "the certification permissions (/Perms, object {object}) were changed",
    ]),
    ("metadata_changed", [
        "Құжаттың метадеректері ({object} объектісі) өзгертілген",
        "Изменены метаданные документа (объект {object})",
        "the document's metadata (object {object}) was changed",
    ]),
    ("certified_no_changes", [
        "Құжат өзгертуге тыйым салынып куәландырылған (DocMDP P=1), бірақ өзгертілген",
        "Документ удостоверен с запретом изменений (DocMDP P=1), но изменён",
        "the document is certified with no changes allowed (DocMDP P=1) but was changed",
    ]),
    ("base_unreadable", [
        "Бірінші редакцияны жеке оқу мүмкін емес",
        "Первую редакцию невозможно прочитать отдельно",
        "the first revision cannot be parsed on its own",
    ]),
    ("unreferenced_update", [
        "Қол қойылған редакциядан кейінгі деректерге соңғы сілтемелер кестесі сілтемейді",
        "Данные после подписанной редакции не достигаются последней таблицей перекрёстных ссылок",
        "data after the signed revision is not reached by the final cross-reference section",
    ]),
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn cyrillic(text: &str) -> bool {
        text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
    }

    /// The `{param}` names of a template.
    fn names(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    /// `code` has kk, ru and en texts, each naming only `allowed` params.
    fn check(table: &[Entry], code: &str, allowed: &[&str]) {
        let Some(texts) = lookup(table, code) else {
            panic!("{code} has no text");
        };
        let [kk, ru, en] = texts;
        assert!(!en.trim().is_empty(), "{code} has no English text");
        for (tag, text) in [("kk", kk), ("ru", ru)] {
            assert_ne!(text, en, "{code}: the {tag} text is the English one");
            assert!(cyrillic(text), "{code}: the {tag} text has no Cyrillic");
        }
        for text in texts {
            for name in names(text) {
                assert!(
                    allowed.contains(&name),
                    "{code}: {{{name}}} is not a param of it"
                );
            }
        }
        // Every language names the same values.
        assert_eq!(names(kk), names(en), "{code}: kk and en name other values");
        assert_eq!(names(ru), names(en), "{code}: ru and en name other values");
    }

    #[test]
    fn every_verifier_finding_has_its_text_in_three_languages() {
        for code in kelisim_sign::FindingCode::ALL {
            check(FINDINGS, code.as_str(), kelisim_sign::finding_params(*code));
        }
        assert_eq!(
            kelisim_sign::FINDING_CODES.len(),
            kelisim_sign::FindingCode::ALL.len()
        );
    }

    #[test]
    fn every_agreement_finding_has_its_text_in_three_languages() {
        for (code, params) in APP_FINDINGS {
            assert!(
                !kelisim_sign::FINDING_CODES.contains(code),
                "{code} is the verifier's too"
            );
            check(FINDINGS, code, params);
        }
    }

    #[test]
    fn every_modification_kind_has_its_text_in_three_languages() {
        for kind in kelisim_sign::MODIFICATION_KINDS {
            let params: &[&str] = if OBJECTLESS_KINDS.contains(kind) {
                &[]
            } else {
                &["object"]
            };
            check(MODIFICATIONS, kind, params);
        }
    }

    #[test]
    fn the_catalog_holds_no_code_nobody_gives() {
        let mut seen = BTreeSet::new();
        for (code, _) in FINDINGS {
            assert!(seen.insert(*code), "{code} is listed twice");
            let known = kelisim_sign::FINDING_CODES.contains(code)
                || APP_FINDINGS.iter().any(|(c, _)| c == code);
            assert!(known, "{code} is given by nobody");
        }
        for (kind, _) in MODIFICATIONS {
            assert!(kelisim_sign::MODIFICATION_KINDS.contains(kind), "{kind}");
        }
        assert_eq!(MODIFICATIONS.len(), kelisim_sign::MODIFICATION_KINDS.len());
    }

    #[test]
    fn a_finding_reads_in_kazakh_with_its_values() {
        let text = finding_text(
            "trust_scope_bin_mismatch",
            &[
                ("bin", "211140000425".into()),
                ("bins", "980340000999".into()),
                ("fingerprint", "3F2A 9C01 …".into()),
            ],
            "fallback",
        );
        assert_eq!(
            text.kk,
            "Қол қоюшының сертификатында БСН 211140000425 көрсетілген, ал 3F2A 9C01 … сенімді \
             сертификаты тек мына БСН үшін кепілдік береді: 980340000999"
        );
        let change = modification_text("page_content_changed", Some("12 0"), "x");
        assert_eq!(change.ru, "Изменено содержимое страницы (объект 12 0)");
        let wrapped = wrapping("changed_after_rendering", &[], &change, "x");
        assert_eq!(
            wrapped.kk,
            "Бастапқы редакциядан кейін өзгертілген: беттің мазмұны (12 0 объектісі) өзгертілген"
        );
        assert_eq!(finding_text("no_such_code", &[], "as is").kk, "as is");
    }
}
