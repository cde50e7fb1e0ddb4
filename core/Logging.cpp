#include "Logging.h"

namespace wt {

// Default: info and above; debug is opt-in with --log-level debug.
Q_LOGGING_CATEGORY(lcIngest, "wikitide.ingest", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSse, "wikitide.ingest.sse", QtInfoMsg)
Q_LOGGING_CATEGORY(lcParse, "wikitide.ingest.parse", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAnalytics, "wikitide.analytics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "wikitide.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTransport, "wikitide.transport", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAlert, "wikitide.alert", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "wikitide.ui", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "wikitide.app", QtInfoMsg)

bool applyLogLevel(const QString& level, QString* error)
{
    const QString l = level.trimmed().toLower();
    QString rules;
    if (l == QLatin1String("debug"))
        rules = QStringLiteral("wikitide.*.debug=true\nwikitide.debug=true");
    else if (l == QLatin1String("info"))
        rules = QStringLiteral("wikitide.*.debug=false\nwikitide.*.info=true");
    else if (l == QLatin1String("warning") || l == QLatin1String("warn"))
        rules = QStringLiteral("wikitide.*.debug=false\nwikitide.*.info=false\nwikitide.*.warning=true");
    else if (l == QLatin1String("error"))
        rules = QStringLiteral("wikitide.*.debug=false\nwikitide.*.info=false\nwikitide.*.warning=false");
    else {
        if (error)
            *error = QStringLiteral("unknown log level \"%1\" (use debug, info, warning or error)").arg(level);
        return false;
    }
    QLoggingCategory::setFilterRules(rules);
    return true;
}

} // namespace wt
