#pragma once
// The Qt logging categories of every module, defined once here, plus the --log-level switch.
// Category objects are thread-safe; use them from any thread: qCInfo(wt::lcStore) << ...

#include <QLoggingCategory>
#include <QString>

namespace wt {

Q_DECLARE_LOGGING_CATEGORY(lcIngest)    // "wikitide.ingest"
Q_DECLARE_LOGGING_CATEGORY(lcSse)       // "wikitide.ingest.sse"
Q_DECLARE_LOGGING_CATEGORY(lcParse)     // "wikitide.ingest.parse"
Q_DECLARE_LOGGING_CATEGORY(lcAnalytics) // "wikitide.analytics"
Q_DECLARE_LOGGING_CATEGORY(lcStore)     // "wikitide.store"
Q_DECLARE_LOGGING_CATEGORY(lcTransport) // "wikitide.transport"
Q_DECLARE_LOGGING_CATEGORY(lcAlert)     // "wikitide.alert"
Q_DECLARE_LOGGING_CATEGORY(lcUi)        // "wikitide.ui"
Q_DECLARE_LOGGING_CATEGORY(lcApp)       // "wikitide.app"

// Applies --log-level (debug|info|warning|error) to every wikitide.* category through
// QLoggingCategory::setFilterRules. Returns false (and sets *error) for an unknown level.
bool applyLogLevel(const QString& level, QString* error = nullptr);

} // namespace wt
