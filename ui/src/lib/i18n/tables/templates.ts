// A new memorandum from a template.
// English is the reference; Kazakh and Russian have exactly its keys (the types say so).

export const en = {
  "new.title": "New memorandum",
  "new.template": "Template",
  "new.date": "Date of the memorandum",
  "new.fromRegistry": "From the registry",
  "new.fromRegistry.none": "— a new organisation —",
  "new.create": "Create",
  "new.languages": "Languages",
  "new.languagesNeeded": "Choose at least one language.",
  "new.layout": "Layout",
  "new.layout.parallel": "Side by side (parallel)",
  "new.layout.sequential": "One language after the other (sequential)",
  "new.layout.single": "One language",
  "template.state-ngo-kk-ru": "State body and NGO — Kazakh and Russian side by side",
  "template.state-ngo-ru": "State body and NGO — Russian",
  "template.state-ngo-en": "State body and NGO — English",
} as const;

export const kk: Record<keyof typeof en, string> = {
  "new.title": "Жаңа меморандум",
  "new.template": "Үлгі",
  "new.date": "Меморандум күні",
  "new.fromRegistry": "Тізілімнен",
  "new.fromRegistry.none": "— жаңа ұйым —",
  "new.create": "Жасау",
  "new.languages": "Тілдер",
  "new.languagesNeeded": "Кемінде бір тілді таңдаңыз.",
  "new.layout": "Орналасуы",
  "new.layout.parallel": "Қатар (параллель)",
  "new.layout.sequential": "Бір тілден кейін екіншісі (кезекпен)",
  "new.layout.single": "Бір тіл",
  "template.state-ngo-kk-ru": "Мемлекеттік орган мен ҮЕҰ — қазақша және орысша қатар",
  "template.state-ngo-ru": "Мемлекеттік орган мен ҮЕҰ — орысша",
  "template.state-ngo-en": "Мемлекеттік орган мен ҮЕҰ — ағылшынша",
};

export const ru: Record<keyof typeof en, string> = {
  "new.title": "Новый меморандум",
  "new.template": "Шаблон",
  "new.date": "Дата меморандума",
  "new.fromRegistry": "Из реестра",
  "new.fromRegistry.none": "— новая организация —",
  "new.create": "Создать",
  "new.languages": "Языки",
  "new.languagesNeeded": "Выберите хотя бы один язык.",
  "new.layout": "Расположение",
  "new.layout.parallel": "Рядом (параллельно)",
  "new.layout.sequential": "Один язык за другим (последовательно)",
  "new.layout.single": "Один язык",
  "template.state-ngo-kk-ru": "Госорган и НПО — казахский и русский рядом",
  "template.state-ngo-ru": "Госорган и НПО — русский",
  "template.state-ngo-en": "Госорган и НПО — английский",
};
