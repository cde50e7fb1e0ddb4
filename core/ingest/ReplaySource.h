#pragma once
// Replays a recording (NDJSON or raw SSE, plain or gzip) into an IngestChain and emits the
// parsed events in batches: in real time by event time scaled by `speed`, or as fast as
// possible. Lives on the ingest thread and never blocks it for long (timer-driven chunks).

#include "event/EditEvent.h"
#include "ingest/RecordingReader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <deque>
#include <memory>

namespace wt::ingest {

class BatchGate;
class IngestChain;

struct ReplayConfig {
    QString path;
    bool batch = false; // as fast as possible, with back-pressure instead of drops
    double speed = 1.0; // real time: gaps between event times divided by speed
    std::size_t maxEventBytes = 4u << 20;
    std::size_t chunkEvents = 4096; // batch size, and the most events read ahead in real time
    // Longest wall-clock pause between two events in real time, so a recording that joins
    // sessions days apart does not stall the replay.
    int maxPauseMs = 10000;
};

class ReplaySource : public QObject {
    Q_OBJECT
public:
    ReplaySource(ReplayConfig config, IngestChain& chain, QObject* parent = nullptr);
    ~ReplaySource() override;

    // Optional bound on the batches in flight: batch mode waits, real time drops (counted).
    void setGate(std::shared_ptr<BatchGate> gate) { m_gate = std::move(gate); }
    RecordingReader::Format format() const { return m_reader.format(); }
    bool isRunning() const { return m_running; }

public slots:
    void start();
    void stop();

signals:
    void batchReady(wt::event::EventBatchPtr batch);
    void finished();
    void fatalError(const QString& message);
    void warning(const QString& message);

private:
    struct Pending {
        double dueMs;
        event::EditEvent event;
    };

    void tick();
    void tickBatch();
    void tickRealTime();
    bool readOne(event::EventBatch& out); // false at the end of the data
    void emitBatch(event::EventBatch&& batch);
    void end();

    ReplayConfig m_config;
    IngestChain& m_chain;
    RecordingReader m_reader;
    std::shared_ptr<BatchGate> m_gate;
    QTimer m_timer;
    bool m_running = false;
    bool m_atEnd = false;

    // Real-time pacing: the replay clock advances by each forward gap between event times.
    QElapsedTimer m_clock;
    std::deque<Pending> m_pending;
    bool m_haveEventTime = false;
    std::int64_t m_lastEventMs = 0;
    double m_lastDueMs = 0;
};

} // namespace wt::ingest
