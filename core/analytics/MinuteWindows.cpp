#include "analytics/MinuteWindows.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "analytics/SecondRing.h"
#include "event/EditEvent.h"

namespace wt::analytics {

std::int64_t MinuteWindows::minuteOf(std::int64_t timeMs)
{
    std::int64_t m = timeMs / 60000;
    if (timeMs % 60000 != 0 && timeMs < 0)
        --m;
    return m * 60000;
}

void MinuteWindows::count(MinuteCounts& c, const EventRecord& r)
{
    using namespace event;
    ++c.events;
    if (r.flags & Flag::Bot)
        ++c.bots;
    else if (r.flags & Flag::Anonymous)
        ++c.anonymous;
    else if (r.flags & Flag::Temporary)
        ++c.temporary;
    else
        ++c.registered;
    if (r.delta > 0)
        c.bytesAdded += r.delta;
    else
        c.bytesRemoved -= r.delta;
    if (r.flags & Flag::NewPage)
        ++c.newPages;
    if (r.type < c.byType.size())
        ++c.byType[r.type];
}

void MinuteWindows::add(std::int64_t timeMs, const EventRecord& r)
{
    const std::int64_t minute = minuteOf(timeMs);
    if (!m_last || minute != m_lastMinute) {
        m_last = &m_open[minute];
        m_lastMinute = minute;
    }
    OpenMinute& m = *m_last;
    count(m.total, r);
    if (r.wikiId >= m.perSite.size())
        m.perSite.resize(r.wikiId + 1 + m.perSite.size() / 2);
    MinuteCounts& site = m.perSite[r.wikiId];
    if (site.events == 0)
        m.touched.push_back(r.wikiId);
    count(site, r);
}

MinuteSummaryPtr MinuteWindows::addLate(std::int64_t timeMs, std::string_view wiki)
{
    const std::int64_t minute = minuteOf(timeMs);
    if (auto it = m_open.find(minute); it != m_open.end()) {
        ++it->second.total.late;
        auto& perWiki = m_openLate[minute];
        auto w = perWiki.find(wiki);
        if (w == perWiki.end())
            perWiki.emplace(std::string(wiki), 1);
        else
            ++w->second;
        return nullptr;
    }
    auto it = std::find_if(m_closed.begin(), m_closed.end(),
                           [&](const MinuteSummaryPtr& s) { return s->minuteStartMs == minute; });
    if (it == m_closed.end())
        return nullptr;
    auto updated = std::make_shared<MinuteSummary>(**it);
    ++updated->total.late;
    auto w = std::lower_bound(updated->perWiki.begin(), updated->perWiki.end(), wiki,
                              [](const WikiMinute& a, std::string_view b) { return a.wiki < b; });
    if (w == updated->perWiki.end() || w->wiki != wiki)
        w = updated->perWiki.insert(w, WikiMinute{std::string(wiki), {}});
    ++w->counts.late;
    *it = updated;
    return updated;
}

std::vector<MinuteSummaryPtr> MinuteWindows::closeUpTo(std::int64_t watermarkMs,
                                                       const SecondRing& ring)
{
    std::vector<MinuteSummaryPtr> out;
    while (!m_open.empty() && m_open.begin()->first + 60000 <= watermarkMs) {
        if (m_last == &m_open.begin()->second)
            m_last = nullptr;
        auto node = m_open.extract(m_open.begin());
        auto summary = std::make_shared<MinuteSummary>();
        summary->minuteStartMs = node.key();
        summary->total = node.mapped().total;
        std::map<std::string_view, MinuteCounts> byWiki; // sites folded by wiki name
        for (const std::uint32_t siteId : node.mapped().touched) {
            const MinuteCounts& counts = node.mapped().perSite[siteId];
            MinuteCounts& c = byWiki[ring.wiki(siteId)];
            c.events += counts.events;
            c.bots += counts.bots;
            c.anonymous += counts.anonymous;
            c.temporary += counts.temporary;
            c.registered += counts.registered;
            c.bytesAdded += counts.bytesAdded;
            c.bytesRemoved += counts.bytesRemoved;
            c.newPages += counts.newPages;
            for (std::size_t t = 0; t < c.byType.size(); ++t)
                c.byType[t] += counts.byType[t];
        }
        summary->perWiki.reserve(byWiki.size());
        for (const auto& [wiki, counts] : byWiki)
            summary->perWiki.push_back(WikiMinute{std::string(wiki), counts});
        if (auto late = m_openLate.extract(node.key()); !late.empty()) {
            for (const auto& [wiki, n] : late.mapped()) {
                auto w = std::find_if(summary->perWiki.begin(), summary->perWiki.end(),
                                      [&](const WikiMinute& m) { return m.wiki == wiki; });
                if (w == summary->perWiki.end())
                    summary->perWiki.push_back(WikiMinute{wiki, {}}), w = summary->perWiki.end() - 1;
                w->counts.late += n;
            }
        }
        std::sort(summary->perWiki.begin(), summary->perWiki.end(),
                  [](const WikiMinute& a, const WikiMinute& b) { return a.wiki < b.wiki; });
        m_closed.push_back(summary);
        while (m_closed.size() > m_closedCap)
            m_closed.pop_front();
        out.push_back(std::move(summary));
    }
    return out;
}

} // namespace wt::analytics
