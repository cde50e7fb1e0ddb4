#pragma once
// "Start full": stored minutes (from the history store) that stand in for raw events the engine
// does not have yet, so a restarted dashboard shows its traffic chart and totals at once.
// Applied by the snapshot builder to the part of the lookback older than the oldest retained
// raw event. Analytics thread only.
//
// Rules (tests hold them):
// - a stored minute counts when it lies wholly inside the lookback [now - lookback, now) and
//   ends at or before the oldest retained raw event (so nothing is counted twice); "now" is the
//   engine clock, or the wall clock while no event arrived yet;
// - it adds its totals to the KPIs (events, bytes, bots, anonymous, temporary, registered, new
//   pages, action types) and spreads its events evenly over the traffic steps it covers;
// - the view filter does not apply to stored minutes (storage keeps the whole stream), nor do
//   leaderboards, users or keywords come from history;
// - DashboardSnapshot::historyUntilMs is the end of the newest minute used, historyEvents the
//   events it added.

#include <cstdint>
#include <map>
#include <vector>

#include "analytics/DashboardSnapshot.h"
#include "analytics/MinuteSummary.h"

namespace wt::analytics {

class EventTimeAggregator;

class HistoryFill {
public:
    // Replaces the stored minutes (any order; duplicates keep the last).
    void setMinutes(const std::vector<MinuteSummaryPtr>& minutes);
    void clear() { m_minutes.clear(); }
    bool empty() const { return m_minutes.empty(); }
    std::size_t size() const { return m_minutes.size(); }

    // Adds the qualifying minutes to s (see the rules above). wallMs stands in for the clock
    // when the aggregator has seen no event yet.
    void apply(DashboardSnapshot& s, const EventTimeAggregator& agg, std::int64_t wallMs) const;

private:
    std::map<std::int64_t, MinuteSummaryPtr> m_minutes; // by minute start
};

} // namespace wt::analytics
