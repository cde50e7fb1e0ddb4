#pragma once
// The status bar's content (GUI thread): connection state with a live retry countdown, events/s
// received, lag between event time and wall clock, and the newest event time.

#include <QDeadlineTimer>
#include <QWidget>

#include "ConnectionState.h"
#include "analytics/DashboardSnapshot.h"

class QLabel;
class QTimer;

namespace wt::ui {

class StatusLine : public QWidget {
    Q_OBJECT
public:
    explicit StatusLine(QWidget* parent = nullptr);
    void setConnectionState(ConnectionState state, const QString& detail, int retryInMs);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    void setPaused(bool paused);
    QString connectionText() const;
    QString rateText() const;
    QString lagText() const;
    QString lastEventText() const;

private:
    void refreshConnection();

    ConnectionState m_state = ConnectionState::Idle;
    QString m_detail;
    QDeadlineTimer m_retry;
    bool m_hasRetry = false;
    bool m_paused = false;
    std::uint64_t m_lastReceived = 0;
    std::int64_t m_lastWallMs = 0;
    QLabel* m_connection = nullptr;
    QLabel* m_rate = nullptr;
    QLabel* m_lag = nullptr;
    QLabel* m_last = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace wt::ui
