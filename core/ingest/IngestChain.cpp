#include "ingest/IngestChain.h"

namespace wt::ingest {

namespace {

bool isBlank(std::string_view line)
{
    for (char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

} // namespace

IngestChain::IngestChain(std::size_t maxEventBytes, std::size_t dedupHorizon)
    : m_parser(maxEventBytes), m_deduper(dedupHorizon)
{
}

IngestChain::~IngestChain()
{
    m_rejectLog.flush();
}

bool IngestChain::process(std::string_view json, event::EventBatch& out)
{
    // Only a few bytes are looked at for real events: the first one is '{'.
    if (json.empty() || (json.front() != '{' && isBlank(json)))
        return false;
    ++m_counters.received;
    m_counters.bytes += json.size();

    // Parsed straight into its place in the batch: no scratch copy of the strings afterwards.
    event::EditEvent& e = out.emplace_back();
    const event::ParseResult result = m_parser.parse(json, e);
    switch (result.status) {
    case event::ParseStatus::Ok:
        break;
    case event::ParseStatus::Canary:
        out.pop_back();
        ++m_counters.canary;
        return false;
    case event::ParseStatus::Rejected:
        out.pop_back();
        m_counters.reject(result.reason);
        m_rejectLog.reject(result.reason, result.detail, json);
        return false;
    }
    // The dedup lookup is a random access into a large table: start it, enrich meanwhile.
    m_deduper.prefetch(e.idHash);
    m_enricher.enrich(e);
    if (m_deduper.checkAndInsert(e.idHash)) {
        out.pop_back();
        ++m_counters.duplicates;
        return false;
    }
    ++m_counters.parsed;
    return true;
}

} // namespace wt::ingest
