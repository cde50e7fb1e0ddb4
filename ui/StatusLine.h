#pragma once
// The status bar's content (GUI thread): connection state with a live retry countdown, events/s
// received, then either the lag behind the wall clock (live) or the replay clock (replay), the
// Kafka consumer lag when Kafka carries the events, and a warning when history is not saved.

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
    // A recording older than this, with no state from the app, is taken for a replay.
    static constexpr qint64 kReplayGuessLagMs = 10 * 60'000;

    explicit StatusLine(QWidget* parent = nullptr);
    void setConnectionState(ConnectionState state, const QString& detail, int retryInMs);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    void setPaused(bool paused);
    // total < 0 hides the item (Kafka is off); detail is the per-partition tooltip.
    void setKafkaLag(qint64 total, const QString& detail);
    // Empty clears the warning.
    void setStorageMessage(const QString& message);

    bool isReplay() const;
    QString connectionText() const;
    QString rateText() const;
    QString lagText() const;       // empty while replaying
    QString lastEventText() const; // "Last event 13:01:59" live, the replay clock in a replay
    QString kafkaText() const;
    QString storageText() const;

private:
    void refreshConnection();
    void refreshClock();

    ConnectionState m_state = ConnectionState::Idle;
    QString m_detail;
    QDeadlineTimer m_retry;
    bool m_hasRetry = false;
    bool m_paused = false;
    bool m_guessedReplay = false; // Idle, but snapshots of an old recording arrive
    std::uint64_t m_lastReceived = 0;
    std::int64_t m_lastWallMs = 0;
    std::int64_t m_clockMs = 0;
    std::int64_t m_snapshotWallMs = 0;
    QLabel* m_connection = nullptr;
    QLabel* m_rate = nullptr;
    QLabel* m_lag = nullptr;
    QLabel* m_last = nullptr;
    QLabel* m_kafka = nullptr;
    QLabel* m_storage = nullptr;
    QTimer* m_tick = nullptr;
};

} // namespace wt::ui
