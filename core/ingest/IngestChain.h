#pragma once
// The per-event path shared by SSE, replay and Kafka: parse, enrich, deduplicate, count.
// One instance per ingest thread (it owns a reused parser and the dedup set).

#include "enrich/Enricher.h"
#include "event/EditEvent.h"
#include "event/EventParser.h"
#include "ingest/Deduper.h"
#include "ingest/IngestCounters.h"
#include "ingest/RejectLog.h"

#include <cstddef>
#include <string_view>

namespace wt::ingest {

class IngestChain {
public:
    explicit IngestChain(std::size_t maxEventBytes = 4u << 20, std::size_t dedupHorizon = 1u << 20);
    ~IngestChain();

    // Parses, enriches, deduplicates one raw JSON event; appends an accepted event to out and
    // returns true. Empty (whitespace-only) lines are skipped without counting. Rejected,
    // canary and duplicate events are counted and, for rejects, logged at a limited rate.
    bool process(std::string_view json, event::EventBatch& out);

    const IngestCounters& counters() const { return m_counters; }
    IngestCounters& counters() { return m_counters; }
    RejectLog& rejectLog() { return m_rejectLog; }

private:
    event::EventParser m_parser;
    enrich::Enricher m_enricher;
    Deduper m_deduper;
    IngestCounters m_counters;
    RejectLog m_rejectLog;
};

} // namespace wt::ingest
