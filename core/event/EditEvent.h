#pragma once
// The compact value type every stage after parsing passes along, in batches. Built on the
// ingest thread, moved (never shared mutably) to the analytics and transport threads.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <QMetaType>

namespace wt::event {

enum class EditType : std::uint8_t { Edit, New, Log, Categorize, External, Other };

// Bits of EditEvent::flags, set by the parser (raw flags) and the enricher (derived flags).
namespace Flag {
inline constexpr std::uint16_t Bot = 1u << 0;
inline constexpr std::uint16_t Minor = 1u << 1;
inline constexpr std::uint16_t Anonymous = 1u << 2;    // IPv4 / IPv6 user name
inline constexpr std::uint16_t Temporary = 1u << 3;    // temporary account: user name starts with '~'
inline constexpr std::uint16_t NewPage = 1u << 4;      // type "new"
inline constexpr std::uint16_t Patrolled = 1u << 5;
inline constexpr std::uint16_t NoLength = 1u << 6;     // no length object: delta is 0 and meaningless
inline constexpr std::uint16_t WikidataItem = 1u << 7; // www.wikidata.org title matching ^Q[0-9]+$
} // namespace Flag

struct EditEvent {
    std::int64_t timeMs = 0;     // event time (meta.dt), UTC milliseconds since the epoch
    std::uint64_t idHash = 0;    // 64-bit hash of meta.id, the dedup key
    std::int64_t rcId = -1;      // recentchange id; -1 when absent or null (log events)
    std::int64_t revOld = 0;     // 0 when absent
    std::int64_t revNew = 0;
    std::int32_t lengthOld = 0;  // 0 when absent (new pages)
    std::int32_t lengthNew = 0;
    std::int32_t delta = 0;      // signed byte change, lengthNew - lengthOld (0 with Flag::NoLength)
    std::int32_t ns = 0;         // namespace number
    std::uint16_t flags = 0;
    EditType type = EditType::Other;

    std::string metaId;     // meta.id (a UUID), kept verbatim for re-publishing
    std::string wiki;       // database name, e.g. "enwiki"
    std::string serverName; // host, e.g. "en.wikipedia.org"
    std::string project;    // enrichment: "wikipedia", "wikidata", "commons", ...
    std::string language;   // enrichment: "en", "de", ... or empty for multilingual projects
    std::string title;
    std::string user;
    std::string comment;
    std::string diffUrl;    // notify_url when present (https on Wikimedia hosts), else empty
    std::string logType;    // log_type for log events, else empty

    bool has(std::uint16_t flag) const { return (flags & flag) != 0; }
};

using EventBatch = std::vector<EditEvent>;
// Batches cross threads as shared immutable vectors: one queued signal per chunk, never per event.
using EventBatchPtr = std::shared_ptr<const EventBatch>;

const char* editTypeName(EditType type);
EditType editTypeFromName(std::string_view name);

} // namespace wt::event

Q_DECLARE_METATYPE(wt::event::EventBatchPtr)
