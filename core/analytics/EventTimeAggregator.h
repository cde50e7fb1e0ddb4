#pragma once
// The synchronous heart of the analytics engine: event-time clock and watermark, retained
// per-second records, minute windows, the incremental lookback aggregates and the keyword
// counts. AnalyticsEngine drives it on the analytics thread; tests and benchmarks use it (via
// the engine) directly.
//
// Rules (tests hold them):
// - clock = newest event time seen; watermark = clock - lateness (raised by closeAllMinutes()).
// - An event older than the watermark is late: counted in Kpis::late and in `late` of its
//   minute, and in NOTHING else (not in the lookback metrics, traffic, leaderboards, keyword
//   counts or recent edits), so every lookback metric equals a count over accepted events.
// - The lookback covers whole seconds: an event is in it when
//   floor(time / 1 s) > floor(clock / 1 s) - lookback seconds.

#include <cstdint>
#include <vector>

#include <QStringList>

#include "analytics/AnalyticsConfig.h"
#include "analytics/FilterMatcher.h"
#include "analytics/KeywordMonitor.h"
#include "analytics/LookbackAggregates.h"
#include "analytics/MinuteWindows.h"
#include "analytics/SecondRing.h"
#include "event/EditEvent.h"

namespace wt::analytics {

class EventTimeAggregator {
public:
    explicit EventTimeAggregator(const AnalyticsConfig& config);

    void ingest(const event::EditEvent& e);
    // Minutes closed / late-updated since the last call.
    std::vector<MinuteSummaryPtr> takeClosedMinutes();
    std::vector<MinuteSummaryPtr> takeLateUpdates();
    // Raises the watermark past every open minute and closes them all (end of a batch replay).
    std::vector<MinuteSummaryPtr> closeAllMinutes();

    void setLookback(std::int64_t ms); // clamped to 1 min .. 3 h, whole seconds
    void setFilter(const Filter& filter);
    std::vector<std::pair<QString, QString>> setKeywords(const QStringList& patterns);

    bool hasClock() const { return m_hasClock; }
    std::int64_t clockMs() const { return m_clockMs; }
    std::int64_t watermarkMs() const;
    std::int64_t lookbackMs() const { return m_lookbackSec * 1000; }
    std::int64_t lookbackSeconds() const { return m_lookbackSec; }
    std::int64_t windowLowSecond() const { return m_lowSec; }
    std::int64_t clockSecond() const;
    std::int64_t firstSecond() const { return m_firstSec; }
    std::uint64_t lateTotal() const { return m_lateTotal; }

    const SecondRing& ring() const { return m_ring; }
    const LookbackAggregates& aggregates() const { return m_aggr; }
    const MinuteWindows& minutes() const { return m_minutes; }
    const KeywordMonitor& keywords() const { return m_keywords; }
    const FilterMatcher& filter() const { return m_filter; }

private:
    void advanceClock(std::int64_t timeMs);
    void afterWatermarkMove();
    void enterSlot(std::int64_t second);
    void leaveSlot(std::int64_t second);
    void recomputeTraffic();
    std::int64_t ringLow() const { return m_ring.newest() - m_ring.retention() + 1; }

    std::int64_t m_latenessMs;
    std::int64_t m_lookbackSec;
    SecondRing m_ring;
    MinuteWindows m_minutes;
    LookbackAggregates m_aggr;
    FilterMatcher m_filter;
    KeywordMonitor m_keywords;

    bool m_hasClock = false;
    std::int64_t m_clockMs = 0;
    std::int64_t m_flushWatermarkMs;
    std::int64_t m_lowSec = 0;         // oldest second in the lookback
    std::int64_t m_sealedThrough;      // seconds <= this were sealed
    std::int64_t m_firstSec = 0;       // first second of the current run of retained events
    std::uint64_t m_lateTotal = 0;
    std::vector<MinuteSummaryPtr> m_closedOut;
    std::vector<MinuteSummaryPtr> m_lateOut;
};

} // namespace wt::analytics
