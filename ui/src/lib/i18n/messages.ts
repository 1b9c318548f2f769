// Every string of the interface, in each interface language. English is the reference: the
// other languages must have exactly its keys (the type says so, and a test checks the values).

import type { UiErrorCode } from "../ipc";

export type UiLanguage = "kk" | "ru" | "en";
export const UI_LANGUAGES: readonly UiLanguage[] = ["kk", "ru", "en"];

const en = {
  "app.tagline": "Memorandums of cooperation — drafted, signed and verified offline",
  "lang.label": "Interface language",
  "lang.kk": "Қазақша",
  "lang.ru": "Русский",
  "lang.en": "English",
  "nav.registry": "Registry",
  "nav.about": "About",
  "registry.title": "Memorandums",
  "registry.empty.title": "No memorandums yet",
  "registry.empty.body":
    "Memorandums you draft or import will be listed here with their parties, status and date.",
  "about.title": "About Kelisim",
  "about.version": "Version",
  "about.dataDir": "Data folder",
  "about.database": "Database",
  "about.close": "Close",
  "about.honesty":
    "Signatures made in Kelisim are electronic signatures between the parties, made with their own keys; they are not the national-CA EDS.",
  "common.loading": "Loading…",
  "error.title": "Something went wrong",
  "error.dismiss": "Dismiss",
  "error.hint.data_dir_unavailable":
    "Check that the data folder can be written, or choose another one with KELISIM_DATA_DIR.",
  "error.hint.database_unavailable":
    "The database could not be opened. Make sure no other program holds it and that the disk is not full.",
  "error.hint.database": "Your data is unchanged. Try again.",
  "error.hint.invalid_input": "Correct the highlighted value and try again.",
  "error.hint.validation_failed": "The memorandum has problems; each is listed with where it is.",
  "error.hint.not_found": "It may have been deleted. Refresh the list.",
  "error.hint.conflict": "This is not allowed in the memorandum's current state.",
  "error.hint.file": "Check that the file exists and can be read or written.",
  "error.hint.internal": "This is a bug in Kelisim. Your data is unchanged.",
  "error.hint.ipc": "The application did not accept the request. Restart Kelisim and try again.",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const kk: Messages = {
  "app.tagline": "Ынтымақтастық туралы меморандумдар — желісіз әзірлеу, қол қою және тексеру",
  "lang.label": "Интерфейс тілі",
  "lang.kk": "Қазақша",
  "lang.ru": "Русский",
  "lang.en": "English",
  "nav.registry": "Тізілім",
  "nav.about": "Бағдарлама туралы",
  "registry.title": "Меморандумдар",
  "registry.empty.title": "Әзірге меморандумдар жоқ",
  "registry.empty.body":
    "Сіз әзірлеген немесе импорттаған меморандумдар осында тараптарымен, мәртебесімен және күнімен көрсетіледі.",
  "about.title": "Kelisim туралы",
  "about.version": "Нұсқа",
  "about.dataDir": "Деректер қалтасы",
  "about.database": "Дерекқор",
  "about.close": "Жабу",
  "about.honesty":
    "Kelisim-де қойылған қолтаңбалар — тараптардың өз кілттерімен қойылған электрондық қолтаңбалары; олар ҰКО ЭЦҚ емес.",
  "common.loading": "Жүктелуде…",
  "error.title": "Қате орын алды",
  "error.dismiss": "Жабу",
  "error.hint.data_dir_unavailable":
    "Деректер қалтасына жазуға болатынын тексеріңіз немесе KELISIM_DATA_DIR арқылы басқа қалтаны таңдаңыз.",
  "error.hint.database_unavailable":
    "Дерекқорды ашу мүмкін болмады. Оны басқа бағдарлама ұстап тұрмағанын және диск толмағанын тексеріңіз.",
  "error.hint.database": "Деректеріңіз өзгерген жоқ. Қайталап көріңіз.",
  "error.hint.invalid_input": "Белгіленген мәнді түзетіп, қайталап көріңіз.",
  "error.hint.validation_failed": "Меморандумда қателер бар; әрқайсысы орнымен көрсетілген.",
  "error.hint.not_found": "Ол жойылған болуы мүмкін. Тізімді жаңартыңыз.",
  "error.hint.conflict": "Меморандумның қазіргі күйінде бұған рұқсат жоқ.",
  "error.hint.file": "Файлдың бар екенін және оны оқуға не жазуға болатынын тексеріңіз.",
  "error.hint.internal": "Бұл — Kelisim қатесі. Деректеріңіз өзгерген жоқ.",
  "error.hint.ipc": "Бағдарлама сұранысты қабылдамады. Kelisim-ді қайта іске қосып, қайталап көріңіз.",
};

const ru: Messages = {
  "app.tagline": "Меморандумы о сотрудничестве — подготовка, подписание и проверка без сети",
  "lang.label": "Язык интерфейса",
  "lang.kk": "Қазақша",
  "lang.ru": "Русский",
  "lang.en": "English",
  "nav.registry": "Реестр",
  "nav.about": "О программе",
  "registry.title": "Меморандумы",
  "registry.empty.title": "Пока нет меморандумов",
  "registry.empty.body":
    "Здесь появятся меморандумы, которые вы подготовите или импортируете, — со сторонами, статусом и датой.",
  "about.title": "О программе Kelisim",
  "about.version": "Версия",
  "about.dataDir": "Папка данных",
  "about.database": "База данных",
  "about.close": "Закрыть",
  "about.honesty":
    "Подписи в Kelisim — электронные подписи сторон, поставленные их собственными ключами; это не ЭЦП НУЦ РК.",
  "common.loading": "Загрузка…",
  "error.title": "Произошла ошибка",
  "error.dismiss": "Закрыть",
  "error.hint.data_dir_unavailable":
    "Проверьте, что в папку данных можно писать, или укажите другую через KELISIM_DATA_DIR.",
  "error.hint.database_unavailable":
    "Не удалось открыть базу данных. Убедитесь, что её не держит другая программа и диск не заполнен.",
  "error.hint.database": "Ваши данные не изменены. Попробуйте ещё раз.",
  "error.hint.invalid_input": "Исправьте отмеченное значение и попробуйте ещё раз.",
  "error.hint.validation_failed": "В меморандуме есть ошибки; каждая указана с местом, где она найдена.",
  "error.hint.not_found": "Возможно, он был удалён. Обновите список.",
  "error.hint.conflict": "В текущем состоянии меморандума это действие недоступно.",
  "error.hint.file": "Проверьте, что файл существует и его можно прочитать или записать.",
  "error.hint.internal": "Это ошибка в Kelisim. Ваши данные не изменены.",
  "error.hint.ipc": "Приложение не приняло запрос. Перезапустите Kelisim и попробуйте ещё раз.",
};

export const messages: Record<UiLanguage, Messages> = { kk, ru, en };

/** The hint shown under an error, chosen by its code (never by its English text). */
export function errorHintKey(code: UiErrorCode): MessageKey {
  return `error.hint.${code}`;
}

/** The interface language to start in when the user has not chosen one: the system's. */
export function detectLanguage(preferred: readonly string[]): UiLanguage {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split("-")[0];
    const found = UI_LANGUAGES.find((l) => l === primary);
    if (found) return found;
  }
  return "en";
}
