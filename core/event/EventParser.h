#pragma once
// Turns one raw recentchange JSON event into the raw fields of an EditEvent (simdjson On-Demand).
// One instance per ingest thread: it reuses its simdjson parser and padded buffer between calls.

#include "event/EditEvent.h"
#include "event/Iso8601.h"
#include "ingest/IngestCounters.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace wt::event {

enum class ParseStatus { Ok, Canary, Rejected };

struct ParseResult {
    ParseStatus status = ParseStatus::Ok;
    ingest::RejectReason reason{}; // meaningful only when status == Rejected
    const char* detail = "";       // static text, e.g. "meta.dt: not ISO 8601"
};

// Stable 64-bit hash of meta.id (8-byte little-endian words, multiply-rotate, murmur3 finaliser):
// the same value in every process, on every host and run, so it can be stored and compared.
std::uint64_t hashMetaId(std::string_view metaId);

class EventParser {
public:
    explicit EventParser(std::size_t maxEventBytes = 4u << 20);
    ~EventParser();
    EventParser(EventParser&&) noexcept;
    EventParser& operator=(EventParser&&) noexcept;

    // Fills every raw field of out (derived fields such as project/language/delta are the
    // Enricher's). Never throws. On a non-Ok result the contents of out are unspecified.
    ParseResult parse(std::string_view json, EditEvent& out);

    std::size_t maxEventBytes() const { return m_maxEventBytes; }

private:
    // The simdjson parser and the padded input copy, kept out of this header so that the users
    // of EventParser (and IngestChain) do not all compile simdjson.h.
    struct State;

    std::size_t m_maxEventBytes;
    std::unique_ptr<State> m_state;
};

} // namespace wt::event
