// The parties: organisations, their BINs and signatories.
// English is the reference; Kazakh and Russian have exactly its keys (the types say so).

export const en = {
  "party.state": "State body",
  "party.ngo": "Non-governmental organisation",
  "party.name": "Name",
  "party.shortName": "Short name",
  "party.bin": "BIN",
  "party.signatoryName": "Signatory's name",
  "party.signatoryPosition": "Signatory's position",
  "bin.length": "A BIN has 12 digits.",
  "bin.digits": "Only digits, please.",
  "bin.check": "The check digit does not match: check the number.",
  "party.address": "Address",
  "party.other": "Party",
} as const;

export const kk: Record<keyof typeof en, string> = {
  "party.state": "Мемлекеттік орган",
  "party.ngo": "Үкіметтік емес ұйым",
  "party.name": "Атауы",
  "party.shortName": "Қысқаша атауы",
  "party.bin": "БСН",
  "party.signatoryName": "Қол қоюшының аты-жөні",
  "party.signatoryPosition": "Қол қоюшының лауазымы",
  "bin.length": "БСН 12 цифрдан тұрады.",
  "bin.digits": "Тек цифрлар енгізіңіз.",
  "bin.check": "Бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.",
  "party.address": "Мекенжайы",
  "party.other": "Тарап",
};

export const ru: Record<keyof typeof en, string> = {
  "party.state": "Государственный орган",
  "party.ngo": "Неправительственная организация",
  "party.name": "Наименование",
  "party.shortName": "Краткое наименование",
  "party.bin": "БИН",
  "party.signatoryName": "ФИО подписанта",
  "party.signatoryPosition": "Должность подписанта",
  "bin.length": "БИН состоит из 12 цифр.",
  "bin.digits": "Введите только цифры.",
  "bin.check": "Контрольная цифра не совпадает: проверьте номер.",
  "party.address": "Адрес",
  "party.other": "Сторона",
};
