#pragma once
// The connection states the status bar and the banner show (GUI thread). The first seven values
// match ingest's SseClient::ConnectionState so the app can pass it through as an int.

#include <QString>

namespace wt::ui {

enum class ConnectionState {
    Idle = 0,
    Connecting,
    Live,
    Reconnecting,
    Offline,
    Finished,
    Failed,
    Replaying // a recording plays; the detail says the speed, e.g. "2"
};

// "Live", "Reconnecting in 12 s", "Replaying at 2×", ... ; retryInMs < 0 when unknown.
QString describeConnection(ConnectionState state, const QString& detail, qint64 retryInMs);
// True for the states where the live stream cannot be reached.
bool isUnreachable(ConnectionState state);

} // namespace wt::ui
