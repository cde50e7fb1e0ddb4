#pragma once
// The ingest thread's side of IngestWorker: owns the source (SseClient or ReplaySource), the
// IngestChain and the optional Recorder, and turns SSE messages into event batches.
// Created on the owner's thread, then moved to and used only on the ingest thread.

#include "event/EditEvent.h"
#include "ingest/IngestCounters.h"
#include "ingest/SseClient.h"
#include "pipeline/IngestConfig.h"

#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

namespace wt::ingest {
class BatchGate;
class IngestChain;
class Recorder;
class ReplaySource;
} // namespace wt::ingest

namespace wt::pipeline {

class IngestLoop : public QObject {
    Q_OBJECT
public:
    IngestLoop(IngestConfig config, std::shared_ptr<ingest::BatchGate> gate);
    ~IngestLoop() override;

    // Stops the source, closes the recording, frees the thread's objects; returns the final
    // counters. Called on the ingest thread (blocking-queued by IngestWorker::stop()).
    ingest::IngestCounters shutdown();
    ingest::IngestCounters counters() const;

public slots:
    void start();
    void publishCounters();

signals:
    void batchReady(wt::event::EventBatchPtr batch);
    void stateChanged(wt::ingest::ConnectionState state, const QString& detail, int retryInMs);
    void countersReady(const wt::ingest::IngestCounters& counters);
    void finished();
    void fatalError(const QString& message);
    void warning(const QString& message);

private:
    void onMessages(const std::vector<ingest::SseMessage>& messages);
    void startReplay();
    void startLive();

    IngestConfig m_config;
    std::shared_ptr<ingest::BatchGate> m_gate;
    std::unique_ptr<ingest::IngestChain> m_chain;
    std::unique_ptr<ingest::Recorder> m_recorder;
    std::unique_ptr<ingest::ReplaySource> m_replay;
    std::unique_ptr<ingest::SseClient> m_client;
    QTimer* m_countersTimer = nullptr;
    std::uint64_t m_reconnectsAtShutdown = 0;
    std::uint64_t m_oversizedAtShutdown = 0;
    bool m_stopped = false;
};

} // namespace wt::pipeline
