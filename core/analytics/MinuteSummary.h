#pragma once
// One closed one-minute window (event time), in total and per wiki. Emitted by the analytics
// engine when the watermark passes the minute's end; stored by the history store.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <QMetaType>

namespace wt::analytics {

struct MinuteCounts {
    std::uint64_t events = 0;
    std::uint64_t bots = 0;
    std::uint64_t anonymous = 0;  // IP editors
    std::uint64_t temporary = 0;  // temporary accounts
    std::uint64_t registered = 0; // registered humans: not bot, not anonymous, not temporary
    std::int64_t bytesAdded = 0;   // sum of positive deltas
    std::int64_t bytesRemoved = 0; // sum of |negative deltas|, a positive number
    std::uint64_t newPages = 0;
    std::array<std::uint64_t, 6> byType{}; // indexed by event::EditType
    std::uint64_t late = 0; // events for this minute that arrived after it closed (not in the above)
};

struct WikiMinute {
    std::string wiki;
    MinuteCounts counts;
};

struct MinuteSummary {
    std::int64_t minuteStartMs = 0; // UTC, a multiple of 60,000
    MinuteCounts total;
    std::vector<WikiMinute> perWiki; // sorted by wiki name
};

using MinuteSummaryPtr = std::shared_ptr<const MinuteSummary>;

} // namespace wt::analytics

Q_DECLARE_METATYPE(wt::analytics::MinuteSummaryPtr)
