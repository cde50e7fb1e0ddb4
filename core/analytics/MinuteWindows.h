#pragma once
// One-minute tumbling windows of the whole (unfiltered) stream, in total and per wiki, closed
// when the watermark passes their end. Only minutes that received an event are emitted. Late
// events (older than the watermark) only raise `late` of their minute. Analytics thread only.

#include <cstdint>
#include <deque>
#include <map>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analytics/EventRecord.h"
#include "analytics/MinuteSummary.h"

namespace wt::analytics {

class SecondRing;

class MinuteWindows {
public:
    explicit MinuteWindows(std::size_t closedCap) : m_closedCap(closedCap) {}

    static std::int64_t minuteOf(std::int64_t timeMs);
    static void count(MinuteCounts& c, const EventRecord& r);

    void add(std::int64_t timeMs, const EventRecord& r);
    // A late event for its minute. Returns the re-issued summary when the minute had already
    // closed and is still retained (nullptr otherwise).
    MinuteSummaryPtr addLate(std::int64_t timeMs, std::string_view wiki);
    // Closes every open minute whose end is <= watermarkMs, oldest first.
    std::vector<MinuteSummaryPtr> closeUpTo(std::int64_t watermarkMs, const SecondRing& ring);
    const std::deque<MinuteSummaryPtr>& closed() const { return m_closed; }
    std::size_t openCount() const { return m_open.size(); }

private:
    struct OpenMinute {
        MinuteCounts total;
        std::vector<MinuteCounts> perSite; // by site id (a few thousand at most)
        std::vector<std::uint32_t> touched; // site ids with events, in first-seen order
    };

    std::size_t m_closedCap;
    std::map<std::int64_t, OpenMinute> m_open; // by minute start
    // The minute the previous event went to: nearly every event goes to the same one.
    std::int64_t m_lastMinute = 0;
    OpenMinute* m_last = nullptr;
    std::deque<MinuteSummaryPtr> m_closed;     // newest last, at most m_closedCap
    // Late counts of open minutes per wiki name (wiki of a late event may have left the ring).
    std::map<std::int64_t, std::map<std::string, std::uint64_t, std::less<>>> m_openLate;
};

} // namespace wt::analytics
