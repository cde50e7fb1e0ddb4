#include "alert/Alert.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace wt::alert {

QByteArray alertToJsonLine(const Alert& alert)
{
    QJsonObject o;
    o[QStringLiteral("type")] = QStringLiteral("alert");
    o[QStringLiteral("time")] =
        QDateTime::fromMSecsSinceEpoch(alert.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
    o[QStringLiteral("timeMs")] = static_cast<qint64>(alert.timeMs);
    o[QStringLiteral("ruleId")] = alert.ruleId;
    o[QStringLiteral("rule")] = alert.ruleName;
    o[QStringLiteral("kind")] = QString::fromLatin1(ruleKindName(alert.kind));
    o[QStringLiteral("subject")] = alert.subject;
    o[QStringLiteral("reason")] = alert.reason;
    o[QStringLiteral("url")] = alert.url;
    o[QStringLiteral("suppressed")] = static_cast<qint64>(alert.suppressed);
    o[QStringLiteral("summary")] = alert.summary;
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace wt::alert
