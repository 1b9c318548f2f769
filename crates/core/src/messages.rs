//! The ONE catalog of validation problems in the interface languages: each code of
//! [`crate::validate`] (and the renderer's `missing_glyph`) written in kk, ru and en from its
//! [`Problem::params`](crate::Problem::params).
//!
//! A template names parameters as `{name}`. Two parameters are words rather than values:
//! `language` (a tag, `kk`) is written as the language's name in the sentence's language, and
//! `reason` (a code of [`REASONS`]) as the reason's own sentence, filled from the same params.
//! Paths, ids, tags and values are kept verbatim. A code missing from the catalog falls back
//! to the English message the problem carries (and `every_emitted_code_is_in_the_catalog`
//! fails), so a new check is never shown empty.

use crate::ids::{InvalidValue, ValueProblem};
use crate::placeholder::PlaceholderError;
use crate::{Problem, UiLanguage};

/// One message: its code and its template in kk, ru and en (in that order).
pub type Entry = (&'static str, [&'static str; 3]);

/// Every problem code with its kk, ru and en templates.
pub const PROBLEMS: &[Entry] = &[
    ("too_large", [
        "Құжат көлемі {bytes} байт; шегі — {limit} байт (20 МБ)",
        "Размер документа {bytes} байт; предел — {limit} байт (20 МБ)",
        "the document is {bytes} bytes; the limit is {limit} bytes (20 MB)",
    ]),
    ("malformed_json", [
        "JSON қате жазылған: {line}-жол, {column}-баған",
        "Ошибка в записи JSON: строка {line}, столбец {column}",
        "malformed JSON at line {line}, column {column}",
    ]),
    ("invalid", [
        "Құжат пішімге сәйкес келмейді",
        "Документ не соответствует формату",
        "the document does not fit the format",
    ]),
    ("wrong_type", [
        "Мұнда {expected} күтіледі",
        "Здесь ожидается {expected}",
        "{expected} is expected here",
    ]),
    ("missing_field", [
        "Міндетті «{field}» өрісі жоқ",
        "Нет обязательного поля «{field}»",
        "the required field \"{field}\" is missing",
    ]),
    ("unknown_field", [
        "Белгісіз «{field}» өрісі; рұқсат етілгендері: {known}",
        "Неизвестное поле «{field}»; допустимы: {known}",
        "unknown field \"{field}\"; expected one of: {known}",
    ]),
    ("missing_translation", [
        "Аударма жоқ: {language} тіліндегі мәтін берілмеген",
        "Нет перевода: отсутствует текст на {language} языке",
        "no translation: the {language} text is missing",
    ]),
    ("needs_translation", [
        "Аударылмаған: {language} тіліндегі мәтін тіл қосылғанда көшірілген; аударыңыз немесе белгіні алып тастаңыз",
        "Не переведено: текст на {language} языке скопирован при добавлении языка; переведите его или снимите отметку",
        "not translated: the {language} text was copied when the language was added; translate it or dismiss the flag",
    ]),
    ("empty_text", [
        "Мәтін бос: {language} тіліндегі мәтін толтырылмаған",
        "Текст на {language} языке пуст",
        "the {language} text is empty",
    ]),
    ("unbalanced_markup", [
        "«**» жуан мәтінді ашады, бірақ ол жабылмаған",
        "«**» открывает полужирный текст, который не закрыт",
        "a ** opens bold text that is never closed",
    ]),
    ("unknown_language", [
        "«{tag}» — Kelisim қолдамайтын тіл (kk, ru, en)",
        "«{tag}» — язык, который Kelisim не поддерживает (kk, ru, en)",
        "\"{tag}\" is not a language Kelisim supports (kk, ru, en)",
    ]),
    ("undeclared_language", [
        "{language} тіліндегі мәтін бар, бірақ «languages» тізімінде «{tag}» жоқ",
        "Есть текст на {language} языке, но в списке «languages» нет «{tag}»",
        "a {language} text, but \"languages\" does not list \"{tag}\"",
    ]),
    ("duplicate_language", [
        "«{tag}» тілі екі рет көрсетілген",
        "Язык «{tag}» указан дважды",
        "\"{tag}\" is listed twice",
    ]),
    ("no_languages", [
        "«languages» тізімінде кемінде бір тіл болуы керек",
        "В списке «languages» должен быть хотя бы один язык",
        "\"languages\" must list at least one language",
    ]),
    ("unknown_format", [
        "«format» мәні «{first}» немесе «{second}» болуы керек",
        "Значение «format» должно быть «{first}» или «{second}»",
        "\"format\" must be \"{first}\" or \"{second}\"",
    ]),
    ("layout_languages", [
        "«{layout}» орналасуы тілдер санына сәйкес емес: «single» бір тілге, «parallel» мен «sequential» екі не одан көп тілге арналған",
        "Вёрстка «{layout}» не подходит к числу языков: «single» — для одного языка, «parallel» и «sequential» — для двух и более",
        "the \"{layout}\" layout does not fit the number of languages: \"single\" is for one, \"parallel\" and \"sequential\" for two or more",
    ]),
    ("unknown_layout", [
        "Белгісіз «{layout}» орналасуы; parallel, sequential немесе single болуы керек",
        "Неизвестная вёрстка «{layout}»; допустимы parallel, sequential или single",
        "unknown layout \"{layout}\"; expected parallel, sequential or single",
    ]),
    ("bad_date", [
        "Күн дұрыс емес: «{value}» — {reason}",
        "Неверная дата «{value}»: {reason}",
        "\"{value}\" is not a date: {reason}",
    ]),
    ("bad_id", [
        "Идентификатор дұрыс емес: «{value}» — {reason}",
        "Неверный идентификатор «{value}»: {reason}",
        "\"{value}\" is not a valid id: {reason}",
    ]),
    ("bad_bin", [
        "БСН дұрыс емес: «{value}» — {reason}",
        "Неверный БИН «{value}»: {reason}",
        "\"{value}\" is not a valid BIN: {reason}",
    ]),
    ("bad_variable_name", [
        "Айнымалының атауы дұрыс емес: «{value}» — {reason}",
        "Неверное имя переменной «{value}»: {reason}",
        "\"{value}\" is not a valid variable name: {reason}",
    ]),
    ("duplicate_id", [
        "«{id}» идентификаторы бұрын қолданылған",
        "Идентификатор «{id}» уже занят",
        "the id \"{id}\" is used already",
    ]),
    ("duplicate_bin", [
        "{first} тарапында да дәл осы БСН бар: {bin}",
        "У стороны {first} тот же БИН {bin}",
        "{first} has the same BIN {bin}",
    ]),
    ("unknown_kind", [
        "Тараптың белгісіз түрі «{kind}»; рұқсат етілгендері: {kinds}",
        "Неизвестный вид стороны «{kind}»; допустимы: {kinds}",
        "unknown party kind \"{kind}\"; expected one of: {kinds}",
    ]),
    ("no_parties", [
        "Меморандумда кемінде бір тарап болуы керек",
        "В меморандуме должна быть хотя бы одна сторона",
        "a memorandum needs at least one party",
    ]),
    ("no_signatories", [
        "Тараптың кемінде бір қол қоюшысы болуы керек",
        "У стороны должен быть хотя бы один подписант",
        "a party needs at least one signatory",
    ]),
    ("no_sections", [
        "Меморандумда кемінде бір бөлім болуы керек",
        "В меморандуме должен быть хотя бы один раздел",
        "a memorandum needs at least one section",
    ]),
    ("too_many_clauses", [
        "Меморандумда {limit} тармақтан көп; ары қарай оқылмады",
        "В меморандуме больше {limit} пунктов; дальше он не читался",
        "the memorandum has more than {limit} clauses; it was not read further",
    ]),
    ("placeholder_in_variable", [
        "Айнымалының мәтінінде толтырғыш болмауы керек",
        "Текст переменной не может содержать подстановки",
        "a variable's text cannot contain placeholders",
    ]),
    ("bad_placeholder", [
        "Толтырғыш дұрыс емес: {reason}",
        "Неверная подстановка: {reason}",
        "bad placeholder: {reason}",
    ]),
    ("unknown_variable", [
        "{{{{{name}}}}} толтырғышы «variables» ішінде жарияланбаған айнымалыны атайды",
        "Подстановка {{{{{name}}}}} называет переменную, не объявленную в «variables»",
        "{{{{{name}}}}} names a variable that \"variables\" does not declare",
    ]),
    ("unknown_party", [
        "{{{{party.{id}.{field}}}}} толтырғышы жоқ тарапты атайды",
        "Подстановка {{{{party.{id}.{field}}}}} называет несуществующую сторону",
        "{{{{party.{id}.{field}}}}} names a party that does not exist",
    ]),
    ("unknown_party_field", [
        "{{{{party.{id}.{field}}}}}: тарап толтырғышында тек мыналар болады: {fields}",
        "{{{{party.{id}.{field}}}}}: в подстановке стороны допустимы только {fields}",
        "{{{{party.{id}.{field}}}}}: a party placeholder can use {fields}",
    ]),
    ("missing_party_field", [
        "{{{{party.{id}.{field}}}}}: «{id}» тарапында {field} өрісі жоқ",
        "{{{{party.{id}.{field}}}}}: у стороны «{id}» нет поля {field}",
        "{{{{party.{id}.{field}}}}}: the party \"{id}\" has no {field}",
    ]),
    ("unused_variable", [
        "«{name}» айнымалысы жарияланған, бірақ еш жерде қолданылмайды",
        "Переменная «{name}» объявлена, но нигде не используется",
        "the variable \"{name}\" is declared but never used",
    ]),
    ("missing_glyph", [
        "«{character}» таңбасын қосымшадағы қаріптермен салу мүмкін емес",
        "Символ «{character}» нельзя нарисовать встроенными шрифтами",
        "the character \"{character}\" cannot be drawn with the bundled fonts",
    ]),
    // kelisim.memorandum/2.
    ("needs_v2", [
        "«{field}» өрісі тек kelisim.memorandum/2 форматында болады",
        "Поле «{field}» допустимо только в формате kelisim.memorandum/2",
        "\"{field}\" needs the format kelisim.memorandum/2",
    ]),
    ("too_few_parties", [
        "Меморандумда кемінде {min} тарап болуы керек, қазір {count}",
        "В меморандуме должно быть не менее {min} сторон, сейчас {count}",
        "a memorandum needs at least {min} parties; it has {count}",
    ]),
    ("unknown_authority_kind", [
        "«{kind}» — өкілеттіктің белгісіз түрі; power_of_attorney, acting немесе other болуы керек",
        "«{kind}» — неизвестный вид полномочий; допустимы power_of_attorney, acting или other",
        "unknown authority kind \"{kind}\"; expected power_of_attorney, acting or other",
    ]),
    ("authority_after_date", [
        "Сенімхат күні ({date}) меморандум күнінен ({memorandum_date}) кейін",
        "Доверенность датирована ({date}) позже меморандума ({memorandum_date})",
        "the power of attorney ({date}) is dated after the memorandum ({memorandum_date})",
    ]),
    ("empty_number", [
        "Нөмір бос",
        "Номер не заполнен",
        "the number is empty",
    ]),
    ("number_too_long", [
        "Нөмір тым ұзын: {length} таңба, шегі — {max}",
        "Номер слишком длинный: {length} знаков, предел — {max}",
        "the number is {length} characters long; the limit is {max}",
    ]),
    ("number_control_character", [
        "Нөмірде басқару таңбасы бар",
        "Номер содержит управляющий символ",
        "the number contains a control character",
    ]),
    ("annex_content", [
        "Қосымшаның мазмұны не тармақтар (clauses), не кесте (table) болуы керек — біреуі ғана",
        "Содержимое приложения — либо пункты (clauses), либо таблица (table), ровно одно из двух",
        "an annex's content is either \"clauses\" or \"table\", exactly one of them",
    ]),
    ("table_columns", [
        "Кестеде {count} баған; 1-ден {max}-ге дейін болуы керек",
        "В таблице {count} столбцов; допустимо от 1 до {max}",
        "the table has {count} columns; it may have 1 to {max}",
    ]),
    ("too_many_rows", [
        "Кестеде {count} жол; шегі — {max}",
        "В таблице {count} строк; предел — {max}",
        "the table has {count} rows; the limit is {max}",
    ]),
    ("row_cells", [
        "Жолда {cells} ұяшық, ал кестеде {columns} баған",
        "В строке {cells} ячеек, а в таблице {columns} столбцов",
        "the row has {cells} cells but the table has {columns} columns",
    ]),
    ("bad_width", [
        "Баған ені {value}; {min}-ден {max}-ге дейін болуы керек",
        "Ширина столбца {value}; допустимо от {min} до {max}",
        "the column width is {value}; it must be {min} to {max}",
    ]),
    ("unknown_term_start", [
        "«{on}» — күшіне енудің белгісіз тәсілі; last_signature немесе date болуы керек",
        "«{on}» — неизвестный порядок вступления в силу; допустимы last_signature или date",
        "unknown entry into force \"{on}\"; expected last_signature or date",
    ]),
    ("unknown_duration_kind", [
        "«{kind}» — мерзімнің белгісіз түрі; years, until немесе indefinite болуы керек",
        "«{kind}» — неизвестный вид срока; допустимы years, until или indefinite",
        "unknown duration \"{kind}\"; expected years, until or indefinite",
    ]),
    ("bad_term_years", [
        "Мерзім {value} жыл; {min}-ден {max}-ге дейін болуы керек",
        "Срок {value} лет; допустимо от {min} до {max}",
        "the term is {value} years; it must be {min} to {max}",
    ]),
    ("bad_renewal_years", [
        "Ұзарту мерзімі {value} жыл; {min}-ден {max}-ге дейін болуы керек",
        "Срок продления {value} лет; допустимо от {min} до {max}",
        "the renewal is {value} years; it must be {min} to {max}",
    ]),
    ("bad_notice_days", [
        "Хабарлау мерзімі {value} күн; {min}-ден {max}-ге дейін болуы керек",
        "Срок уведомления {value} дней; допустимо от {min} до {max}",
        "the notice period is {value} days; it must be {min} to {max}",
    ]),
    ("term_ends_before_date", [
        "Мерзім {end} аяқталады — меморандум күнінен ({memorandum_date}) бұрын",
        "Срок истекает {end} — раньше даты меморандума ({memorandum_date})",
        "the term ends on {end}, before the memorandum's date ({memorandum_date})",
    ]),
    ("term_ends_before_start", [
        "Мерзім {end} аяқталады — күшіне енуінен ({start}) бұрын",
        "Срок истекает {end} — раньше вступления в силу ({start})",
        "the term ends on {end}, before it starts ({start})",
    ]),
    ("notice_too_long", [
        "Хабарлау мерзімі ({notice_days} күн) {years} жылдық мерзімнен ұзын",
        "Срок уведомления ({notice_days} дней) длиннее срока в {years} лет",
        "the notice period ({notice_days} days) is longer than the term of {years} years",
    ]),
    ("bad_content_hash", [
        "«{value}» — мазмұн хэші емес; sha256: және 64 кіші он алтылық цифр болуы керек",
        "«{value}» — не хеш содержания; нужно sha256: и 64 строчные шестнадцатеричные цифры",
        "\"{value}\" is not a content hash; expected sha256: and 64 lowercase hex digits",
    ]),
    ("amends_after_date", [
        "Өзгертілетін меморандум күні ({date}) осы құжат күнінен ({memorandum_date}) кейін",
        "Изменяемый меморандум датирован ({date}) позже этого документа ({memorandum_date})",
        "the amended memorandum ({date}) is dated after this document ({memorandum_date})",
    ]),
    ("unknown_annex", [
        "{placeholder}: мұндай қосымша жоқ",
        "{placeholder}: такого приложения нет",
        "{placeholder}: no annex has that id",
    ]),
    ("missing_term", [
        "{placeholder}: меморандумда мерзім (term) көрсетілмеген",
        "{placeholder}: в меморандуме не указан срок (term)",
        "{placeholder}: the memorandum has no term",
    ]),
    ("missing_renewal", [
        "{placeholder}: мерзімде ұзарту (renewal) көрсетілмеген",
        "{placeholder}: в сроке не указано продление (renewal)",
        "{placeholder}: the term has no renewal",
    ]),
    ("missing_amends", [
        "{placeholder}: бұл құжат ешбір меморандумды өзгертпейді (amends жоқ)",
        "{placeholder}: этот документ не изменяет меморандум (нет amends)",
        "{placeholder}: this document amends no memorandum",
    ]),
    ("unknown_term_field", [
        "{placeholder}: мерзімнің мұндай өрісі жоқ",
        "{placeholder}: у срока нет такого поля",
        "{placeholder}: the term has no such field",
    ]),
    ("unknown_registration_field", [
        "{placeholder}: тіркеудің мұндай өрісі жоқ",
        "{placeholder}: у регистрации нет такого поля",
        "{placeholder}: the registration has no such field",
    ]),
];

/// The words `{reason}` and `{expected}` stand for: what is wrong with a value, a placeholder, or
/// which JSON type was expected.
pub const REASONS: &[Entry] = &[
    ("empty", ["ол бос", "оно пустое", "it is empty"]),
    ("too_long", [
        "ол 64 таңбадан ұзын",
        "оно длиннее 64 символов",
        "it is longer than 64 characters",
    ]),
    ("bad_start", [
        "ол a-z әрпінен немесе _ белгісінен басталуы керек",
        "оно должно начинаться с a-z или _",
        "it must start with a-z or _",
    ]),
    ("not_allowed", [
        "«{character}» таңбасына рұқсат жоқ ({allowed} қолданыңыз)",
        "символ «{character}» недопустим (используйте {allowed})",
        "\"{character}\" is not allowed (use {allowed})",
    ]),
    ("not_twelve_digits", [
        "БСН дәл 12 цифрдан тұрады",
        "в БИН ровно 12 цифр",
        "a BIN has exactly 12 digits",
    ]),
    ("no_check_digit", [
        "алғашқы 11 цифрға бақылау саны табылмайды",
        "для первых 11 цифр нет контрольной цифры",
        "its first 11 digits admit no check digit",
    ]),
    ("wrong_check_digit", [
        "БСН бақылау саны дұрыс емес: {found}, ал алғашқы 11 цифр бойынша {required} болуы керек",
        "неверная контрольная цифра БИН: {found}, а по первым 11 цифрам нужна {required}",
        "the check digit is {found}, but the first 11 digits require {required}",
    ]),
    ("not_iso_date", [
        "оны ЖЖЖЖ-АА-КК түрінде жазыңыз",
        "запишите её как ГГГГ-ММ-ДД",
        "write it as YYYY-MM-DD",
    ]),
    ("year_out_of_range", [
        "{year} жылы 1900–2999 аралығынан тыс",
        "год {year} вне диапазона 1900–2999",
        "the year {year} is outside 1900–2999",
    ]),
    ("no_such_month", [
        "{month}-ай жоқ",
        "месяца {month} не существует",
        "there is no month {month}",
    ]),
    ("no_such_day", [
        "{year} жылдың {month}-айында {day}-күн жоқ",
        "в месяце {month} года {year} нет дня {day}",
        "month {month} of {year} has no day {day}",
    ]),
    ("unclosed", [
        "«{{{{» «{placeholder}» жерінде ашылып, «}}}}» арқылы жабылмаған",
        "«{{{{» в «{placeholder}» не закрыта «}}}}»",
        "\"{{{{\" at \"{placeholder}\" is never closed with \"}}}}\"",
    ]),
    ("bad_party", [
        "{{{{{placeholder}}}}} орнына {{{{party.<id>.<өріс>}}}} жазылуы керек",
        "{{{{{placeholder}}}}} должна иметь вид {{{{party.<id>.<поле>}}}}",
        "{{{{{placeholder}}}}} should be {{{{party.<id>.<field>}}}}",
    ]),
    ("bad_name", [
        "{{{{{placeholder}}}}} айнымалы атауы да (a-z, 0-9, _), party.<id>.<өріс> те емес",
        "{{{{{placeholder}}}}} — не имя переменной (a-z, 0-9, _) и не party.<id>.<поле>",
        "{{{{{placeholder}}}}} is neither a variable name (a-z, 0-9, _) nor party.<id>.<field>",
    ]),
    ("object", ["объект", "объект", "an object"]),
    ("list", ["тізім", "список", "a list"]),
    ("string", ["жол (мәтін)", "строка", "a string"]),
    ("text", [
        "әр тілге мәтін беретін объект",
        "объект с текстом на каждом языке",
        "an object mapping each language to its text",
    ]),
];

/// A problem's sentence in `lang`, with its values filled in.
pub fn problem_text(problem: &Problem, lang: UiLanguage) -> String {
    match lookup(PROBLEMS, problem.code) {
        Some(texts) => fill(texts[slot(lang)], &problem.params, lang),
        None => problem.message.clone(),
    }
}

/// Fills `template` in `lang` from `params`: `{name}` becomes the value (or, for `language`,
/// `reason` and `expected`, the word in `lang`); `{{` and `}}` are literal braces.
pub fn fill(template: &str, params: &[(&'static str, String)], lang: UiLanguage) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            out.push_str(&param(&tail[1..end], params, lang));
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

fn param(name: &str, params: &[(&'static str, String)], lang: UiLanguage) -> String {
    let value = params
        .iter()
        .find(|(k, _)| *k == name)
        .map_or("", |(_, v)| v.as_str());
    match name {
        "language" => language_word(value, lang).unwrap_or(value).to_owned(),
        "reason" | "expected" => match lookup(REASONS, value) {
            Some(texts) => fill(texts[slot(lang)], params, lang),
            None => value.to_owned(),
        },
        _ => value.to_owned(),
    }
}

/// The index of `lang` in an [`Entry`]'s texts.
pub fn slot(lang: UiLanguage) -> usize {
    match lang {
        UiLanguage::Kk => 0,
        UiLanguage::Ru => 1,
        UiLanguage::En => 2,
    }
}

/// The texts of `code` in `table`.
pub fn lookup(table: &[Entry], code: &str) -> Option<[&'static str; 3]> {
    table.iter().find(|(c, _)| *c == code).map(|(_, t)| *t)
}

/// A memorandum language's name as the templates use it: the Kazakh stem before «тіліндегі»,
/// the Russian prepositional before «языке», the English adjective.
fn language_word(tag: &str, lang: UiLanguage) -> Option<&'static str> {
    let words = match tag {
        "kk" => ["қазақ", "казахском", "Kazakh"],
        "ru" => ["орыс", "русском", "Russian"],
        "en" => ["ағылшын", "английском", "English"],
        _ => return None,
    };
    Some(words[slot(lang)])
}

/// The params of a value that failed to parse: `value`, `reason` and what the reason names.
pub fn value_params(err: &InvalidValue) -> Vec<(&'static str, String)> {
    let mut params = vec![("value", err.value.clone())];
    let reason = match &err.problem {
        ValueProblem::Empty => "empty",
        ValueProblem::TooLong => "too_long",
        ValueProblem::BadStart => "bad_start",
        ValueProblem::NotAllowed { found, allowed } => {
            params.push(("character", found.to_string()));
            params.push(("allowed", (*allowed).to_owned()));
            "not_allowed"
        }
        ValueProblem::NotTwelveDigits => "not_twelve_digits",
        ValueProblem::NoCheckDigit => "no_check_digit",
        ValueProblem::WrongCheckDigit { found, required } => {
            params.push(("found", found.to_string()));
            params.push(("required", required.to_string()));
            "wrong_check_digit"
        }
        ValueProblem::NotIsoDate => "not_iso_date",
        ValueProblem::YearOutOfRange(year) => {
            params.push(("year", year.to_string()));
            "year_out_of_range"
        }
        ValueProblem::NoSuchMonth(month) => {
            params.push(("month", month.to_string()));
            "no_such_month"
        }
        ValueProblem::NoSuchDay { year, month, day } => {
            params.push(("year", year.to_string()));
            params.push(("month", month.to_string()));
            params.push(("day", day.to_string()));
            "no_such_day"
        }
    };
    params.push(("reason", reason.to_owned()));
    params
}

/// The params of a malformed placeholder: `placeholder` (what is between the braces, or the
/// text from an unclosed `{{`) and `reason`.
pub fn placeholder_params(err: &PlaceholderError) -> Vec<(&'static str, String)> {
    let (reason, placeholder) = match err {
        PlaceholderError::Unclosed(at) => ("unclosed", at),
        PlaceholderError::BadParty(inner) => ("bad_party", inner),
        PlaceholderError::BadName(inner) => ("bad_name", inner),
    };
    vec![
        ("placeholder", placeholder.clone()),
        ("reason", reason.to_owned()),
    ]
}

#[cfg(test)]
mod tests;
