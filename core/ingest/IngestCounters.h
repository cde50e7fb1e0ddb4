#pragma once
// Running counters of the ingest stage. Written on the ingest thread only; other threads read
// a copy taken at report/snapshot time (IngestStats::snapshot()).

#include <array>
#include <cstdint>

namespace wt::ingest {

// Why an event was rejected by the parser. Keep in sync with rejectReasonName().
enum class RejectReason : std::uint8_t {
    BadJson,      // not a JSON object / syntax error / truncated
    MissingField, // a required field is absent (meta, meta.id, meta.dt, type, title, server_name/wiki)
    WrongType,    // a required field has the wrong JSON type or an unparsable value (e.g. meta.dt)
    InvalidUtf8,  // the bytes are not valid UTF-8
    TooLarge,     // the event is larger than the per-event cap
    Count
};

const char* rejectReasonName(RejectReason reason);

struct IngestCounters {
    std::uint64_t received = 0;   // raw events handed to the parser (lines / SSE messages)
    std::uint64_t parsed = 0;     // accepted, enriched, not duplicate, not canary
    std::array<std::uint64_t, static_cast<std::size_t>(RejectReason::Count)> rejected{};
    std::uint64_t canary = 0;     // meta.domain == "canary", dropped
    std::uint64_t duplicates = 0; // same meta.id seen within the dedup horizon, dropped
    std::uint64_t reconnects = 0; // SSE reconnect attempts after the first connect
    std::uint64_t dropped = 0;    // dropped by a full bounded queue downstream of ingest
    std::uint64_t bytes = 0;      // raw bytes received

    std::uint64_t rejectedTotal() const
    {
        std::uint64_t sum = 0;
        for (auto n : rejected)
            sum += n;
        return sum;
    }
    void reject(RejectReason reason) { ++rejected[static_cast<std::size_t>(reason)]; }
};

} // namespace wt::ingest
