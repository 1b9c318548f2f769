// The trust store.
// English is the reference; Kazakh and Russian have exactly its keys (the types say so).

export const en = {
  "trust.title": "Trusted certificates",
  "trust.hint": "The other parties' certificates. Add one only after reading its fingerprint with its owner.",
  "trust.import": "Import a certificate…",
  "trust.added": "Added: {subject}.",
  "trust.compare": "Read this fingerprint with its owner by phone. If any group differs, remove the certificate.",
  "trust.none": "No trusted certificates yet.",
  "trust.remove": "Remove",
  "trust.since": "trusted since {at}",
  "trust.scope.thisCertificate": "Trusted for its own signatures only",
  "trust.scope.organisations": "Trusted for certificates it issued to BIN {bins}",
  "trust.scope.none": "Trusted for no organisation (it names no BIN)",
  "trust.origin.added": "added by you",
  "trust.origin.ownKey": "your own key",
  "trust.origin.signer": "signer of a verified PDF",
  "trust.forBins": "BINs a CA certificate may vouch for (space-separated; empty: the BIN it names)",
} as const;

export const kk: Record<keyof typeof en, string> = {
  "trust.title": "Сенімді сертификаттар",
  "trust.hint": "Басқа тараптардың сертификаттары. Саусақ ізін иесімен салыстырғаннан кейін ғана қосыңыз.",
  "trust.import": "Сертификат импорттау…",
  "trust.added": "Қосылды: {subject}.",
  "trust.compare": "Осы саусақ ізін иесімен телефон арқылы салыстырыңыз. Бір топ болса да сәйкес келмесе, сертификатты өшіріңіз.",
  "trust.none": "Әзірге сенімді сертификат жоқ.",
  "trust.remove": "Өшіру",
  "trust.since": "{at} бастап сенімді",
  "trust.scope.thisCertificate": "Тек өз қолтаңбалары үшін сенімді",
  "trust.scope.organisations": "БСН {bins} үшін берген сертификаттарына сенімді",
  "trust.scope.none": "Ешбір ұйым үшін емес (онда БСН жоқ)",
  "trust.origin.added": "сіз қостыңыз",
  "trust.origin.ownKey": "өз кілтіңіз",
  "trust.origin.signer": "тексерілген PDF-тің қол қоюшысы",
  "trust.forBins": "КО сертификаты кепілдік бере алатын БСН-дар (бос орынмен; бос болса — сертификаттағы БСН)",
};

export const ru: Record<keyof typeof en, string> = {
  "trust.title": "Доверенные сертификаты",
  "trust.hint": "Сертификаты других сторон. Добавляйте только после сверки отпечатка с владельцем.",
  "trust.import": "Импортировать сертификат…",
  "trust.added": "Добавлен: {subject}.",
  "trust.compare": "Сверьте этот отпечаток с владельцем по телефону. Если хоть одна группа отличается, удалите сертификат.",
  "trust.none": "Доверенных сертификатов пока нет.",
  "trust.remove": "Удалить",
  "trust.since": "доверенный с {at}",
  "trust.scope.thisCertificate": "Доверенный только для своих подписей",
  "trust.scope.organisations": "Доверенный для выданных им сертификатов БИН {bins}",
  "trust.scope.none": "Ни для одной организации (в нём нет БИН)",
  "trust.origin.added": "добавлен вами",
  "trust.origin.ownKey": "ваш собственный ключ",
  "trust.origin.signer": "подписант проверенного PDF",
  "trust.forBins": "БИН, за которые может ручаться сертификат УЦ (через пробел; пусто — БИН из самого сертификата)",
};
