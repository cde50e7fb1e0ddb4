#pragma once
// Real recordings turned into engine input for the UI suites and the UI benchmark: every line
// of tests/data/<name> through the real IngestChain (parse, enrich, dedup), as one batch.

#include <QFile>
#include <QString>

#include "event/EditEvent.h"
#include "ingest/IngestChain.h"

namespace wt::test {

struct Replay {
    event::EventBatch events;
    ingest::IngestCounters counters;
};

inline Replay replayRecording(const QString& path)
{
    Replay replay;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return replay;
    ingest::IngestChain chain;
    const QByteArray all = file.readAll();
    for (const QByteArray& line : all.split('\n'))
        chain.process(std::string_view(line.constData(), std::size_t(line.size())), replay.events);
    replay.counters = chain.counters();
    return replay;
}

} // namespace wt::test
