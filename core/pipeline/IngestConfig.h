#pragma once
// What the ingest thread should run: a live EventStreams connection or a replay, the per-event
// size cap, an optional recording, and the bound on batches handed to consumers. Plain value.

#include <QDateTime>
#include <QString>
#include <QUrl>
#include <cstddef>
#include <string>

namespace wt::pipeline {

struct IngestConfig {
    // Live source (used when replayFile is empty).
    QUrl streamUrl;
    QDateTime since;
    std::string initialLastEventId;
    int idleTimeoutMs = 30000; // no byte for this long: the connection is presumed dead

    // Replay source.
    QString replayFile;
    bool batch = false;
    double speed = 1.0;

    std::size_t maxEventBytes = 4u << 20;
    std::size_t dedupHorizon = 1u << 20; // distinct meta.id hashes remembered
    QString recordFile; // live only; empty = no recording

    // Batches queued or held downstream before ingest drops (live, real-time replay) or waits
    // (batch replay).
    int maxBatchesInFlight = 64;
    // Push a counters copy this often (0 = only on request).
    int countersIntervalMs = 0;

    bool isReplay() const { return !replayFile.isEmpty(); }
};

} // namespace wt::pipeline
