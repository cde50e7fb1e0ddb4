#pragma once
// Thin QObject around the AlertEngine, moved to the analytics thread: takes event batches and
// rule sets on queued connections and emits each (rate-limited) alert. Publishes its counters
// into the HealthMetrics registry when one is given.

#include <QObject>
#include <QVariantList>

#include "alert/Alert.h"
#include "alert/AlertEngine.h"
#include "event/EditEvent.h"

namespace wt::pipeline {
class HealthMetrics;
}

namespace wt::alert {

class AlertMonitor : public QObject {
    Q_OBJECT
public:
    explicit AlertMonitor(pipeline::HealthMetrics* metrics = nullptr, AlertEngineConfig config = {},
                          QObject* parent = nullptr);

    const AlertEngine& engine() const { return m_engine; } // analytics thread only

public slots:
    // The stored form (rulesToVariant); invalid rules are skipped and reported by rulesRejected.
    void setRules(const QVariantList& rules);
    void processBatch(const wt::event::EventBatchPtr& batch);
    // Live mode: call about once a second with the wall clock so a stalled stream shows.
    void advanceTo(qint64 nowMs);

signals:
    void alertRaised(const wt::alert::Alert& alert);
    void rulesRejected(const QStringList& errors);

private:
    void publish(std::vector<Alert>& alerts);

    pipeline::HealthMetrics* m_metrics;
    AlertEngine m_engine;
};

} // namespace wt::alert
