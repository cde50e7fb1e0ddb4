#pragma once
// Runs the ingest stage on its own QThread (an SseClient or a ReplaySource feeding the
// IngestChain, plus an optional Recorder) and hands out event batches, connection state and
// counters. The object itself lives on the owner's thread; its signals are emitted from the
// ingest thread, so receivers on other threads get them queued.

#include "event/EditEvent.h"
#include "ingest/IngestCounters.h"
#include "ingest/SseClient.h"
#include "pipeline/IngestConfig.h"

#include <QObject>
#include <QThread>
#include <memory>

namespace wt::ingest {
class BatchGate;
}

namespace wt::pipeline {

class IngestLoop;

class IngestWorker : public QObject {
    Q_OBJECT
public:
    explicit IngestWorker(IngestConfig config, QObject* parent = nullptr);
    ~IngestWorker() override;

    const IngestConfig& config() const { return m_config; }
    bool isRunning() const { return m_loop != nullptr; }
    // Batches emitted and not yet released by every consumer (bounded by maxBatchesInFlight).
    int batchesInFlight() const;

    void start();
    // Blocks until the ingest thread has stopped its source and closed any recording; returns
    // the final counters. Idempotent: later calls return the same counters.
    ingest::IngestCounters stop();
    // Asks for a counters copy, answered by countersReady.
    void requestCounters();

signals:
    void batchReady(wt::event::EventBatchPtr batch);
    void stateChanged(wt::ingest::ConnectionState state, const QString& detail, int retryInMs);
    void countersReady(const wt::ingest::IngestCounters& counters);
    void finished(); // the replay ended or the server said 204: no more events will come
    void fatalError(const QString& message);
    void warning(const QString& message);

private:
    IngestConfig m_config;
    std::shared_ptr<ingest::BatchGate> m_gate;
    QThread m_thread;
    IngestLoop* m_loop = nullptr;
    ingest::IngestCounters m_final;
};

} // namespace wt::pipeline
