#include "analytics/HistoryFill.h"

#include <algorithm>

#include "analytics/EventTimeAggregator.h"
#include "analytics/SnapshotBuilder.h"

namespace wt::analytics {

namespace {
constexpr std::int64_t kMinuteMs = 60'000;

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
} // namespace

void HistoryFill::setMinutes(const std::vector<MinuteSummaryPtr>& minutes)
{
    m_minutes.clear();
    for (const auto& m : minutes)
        if (m && m->minuteStartMs % kMinuteMs == 0)
            m_minutes[m->minuteStartMs] = m;
}

void HistoryFill::apply(DashboardSnapshot& s, const EventTimeAggregator& agg,
                        std::int64_t wallMs) const
{
    if (m_minutes.empty())
        return;
    const bool hasClock = agg.hasClock();
    const std::int64_t lookbackSec = agg.lookbackSeconds();
    const std::int64_t nowMs = hasClock ? agg.clockMs() : wallMs;
    const std::int64_t nowSec = floorDiv(nowMs, 1000);
    const std::int64_t lowSec = hasClock ? agg.windowLowSecond() : nowSec - lookbackSec + 1;
    const std::int64_t rawFromMs = hasClock ? agg.firstSecond() * 1000 : nowMs;

    auto it = m_minutes.lower_bound(lowSec * 1000);
    if (it == m_minutes.end() || it->first + kMinuteMs > rawFromMs)
        return;

    if (s.traffic.empty()) { // no raw event yet: lay out the traffic axis ourselves
        const std::int64_t step = SnapshotBuilder::trafficStepSeconds(lookbackSec);
        s.trafficStepMs = step * 1000;
        const std::int64_t first = floorDiv(lowSec, step) * step;
        s.traffic.resize(static_cast<std::size_t>((nowSec - first) / step + 1));
        for (std::size_t i = 0; i < s.traffic.size(); ++i)
            s.traffic[i].timeMs = (first + static_cast<std::int64_t>(i) * step) * 1000;
        s.clockMs = nowMs;
        s.lookbackMs = lookbackSec * 1000;
    }
    const std::int64_t stepMs = std::max<std::int64_t>(1000, s.trafficStepMs);
    const std::int64_t firstPointMs = s.traffic.empty() ? 0 : s.traffic.front().timeMs;

    Kpis& k = s.kpis;
    std::int64_t firstUsedMs = 0;
    for (; it != m_minutes.end() && it->first + kMinuteMs <= rawFromMs; ++it) {
        const MinuteCounts& c = it->second->total;
        if (firstUsedMs == 0)
            firstUsedMs = it->first;
        k.events += c.events;
        k.bots += c.bots;
        k.anonymous += c.anonymous;
        k.temporary += c.temporary;
        k.registered += c.registered;
        k.bytesAdded += c.bytesAdded;
        k.bytesRemoved += c.bytesRemoved;
        k.newPages += c.newPages;
        for (std::size_t t = 0; t < s.byType.size(); ++t)
            s.byType[t] += c.byType[t];
        s.historyEvents += c.events;
        s.historyUntilMs = it->first + kMinuteMs;

        // Spread the minute over the steps it covers (one step when the step is >= 1 min).
        const std::int64_t parts = std::max<std::int64_t>(1, kMinuteMs / stepMs);
        const std::uint64_t humans = c.events - std::min(c.events, c.bots);
        for (std::int64_t p = 0; p < parts; ++p) {
            const std::int64_t t = it->first + p * (kMinuteMs / parts);
            const std::int64_t index = floorDiv(t - firstPointMs, stepMs);
            if (index < 0 || index >= static_cast<std::int64_t>(s.traffic.size()))
                continue;
            auto share = [&](std::uint64_t total) {
                const auto n = static_cast<std::uint64_t>(parts);
                return total / n + (static_cast<std::uint64_t>(p) < total % n ? 1 : 0);
            };
            auto shareBytes = [&](std::int64_t total) {
                return total / parts + (p < total % parts ? 1 : 0);
            };
            TrafficPoint& point = s.traffic[static_cast<std::size_t>(index)];
            point.human += static_cast<std::uint32_t>(share(humans));
            point.bot += static_cast<std::uint32_t>(share(c.bots));
            point.bytesAdded += shareBytes(c.bytesAdded);
            point.bytesRemoved += shareBytes(c.bytesRemoved);
        }
    }
    k.bytesNet = k.bytesAdded - k.bytesRemoved;
    // The average now covers the history part too.
    const std::int64_t coveredFromSec = std::max(lowSec, firstUsedMs / 1000);
    const std::int64_t span = std::min(lookbackSec, nowSec - coveredFromSec + 1);
    k.velocityAvg = span > 0 ? static_cast<double>(k.events) / static_cast<double>(span) : 0.0;
}

} // namespace wt::analytics
