#include "ConnectionState.h"

#include <QCoreApplication>

namespace wt::ui {

namespace {
QString tr(const char* text) { return QCoreApplication::translate("wt::ui::ConnectionState", text); }

QString seconds(qint64 ms) { return QString::number((ms + 999) / 1000); }
} // namespace

QString describeConnection(ConnectionState state, const QString& detail, qint64 retryInMs)
{
    switch (state) {
    case ConnectionState::Idle: return tr("Idle");
    case ConnectionState::Connecting: return tr("Connecting…");
    case ConnectionState::Live: return tr("Live");
    case ConnectionState::Reconnecting:
        return retryInMs > 0 ? tr("Reconnecting in %1 s").arg(seconds(retryInMs))
                             : tr("Reconnecting…");
    case ConnectionState::Offline:
        return retryInMs > 0 ? tr("Offline, retrying in %1 s").arg(seconds(retryInMs))
                             : tr("Offline");
    case ConnectionState::Finished: return tr("Recording finished");
    case ConnectionState::Failed:
        return detail.isEmpty() ? tr("Failed") : tr("Failed: %1").arg(detail);
    case ConnectionState::Replaying:
        return detail.isEmpty() ? tr("Replaying") : tr("Replaying at %1×").arg(detail);
    }
    return {};
}

bool isUnreachable(ConnectionState state)
{
    return state == ConnectionState::Offline || state == ConnectionState::Failed ||
           state == ConnectionState::Reconnecting;
}

} // namespace wt::ui
