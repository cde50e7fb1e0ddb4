#include "analytics/FilterMatcher.h"

#include <algorithm>
#include <cstdlib>

#include "analytics/SecondRing.h"
#include "event/EditEvent.h"

namespace wt::analytics {

FilterMatcher::FilterMatcher(Filter filter) : m_filter(std::move(filter))
{
    std::sort(m_filter.namespaces.begin(), m_filter.namespaces.end());
}

bool FilterMatcher::globMatch(std::string_view p, std::string_view t)
{
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; };
    std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
    while (ti < t.size()) {
        if (pi < p.size() && (p[pi] == '?' || lower(p[pi]) == lower(t[ti]))) {
            ++pi;
            ++ti;
        } else if (pi < p.size() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (star != std::string_view::npos) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

bool FilterMatcher::wikiPasses(std::uint32_t wikiId, const SecondRing& ring) const
{
    if (m_filter.wikiPatterns.empty())
        return true;
    if (wikiId >= m_wikiCache.size())
        m_wikiCache.resize(wikiId + 1);
    const WikiInfo& info = ring.wikiInfo(wikiId);
    CachedWiki& cached = m_wikiCache[wikiId];
    if (cached.generation != info.generation) { // first use, or the id now names another wiki
        bool any = false;
        for (const std::string& p : m_filter.wikiPatterns)
            if (globMatch(p, ring.wiki(wikiId)) || globMatch(p, info.serverName)) {
                any = true;
                break;
            }
        cached.pass = any != m_filter.excludeWikis;
        cached.generation = info.generation;
    }
    return cached.pass;
}

bool FilterMatcher::passes(const EventRecord& r, const SecondRing& ring) const
{
    const bool bot = (r.flags & event::Flag::Bot) != 0;
    if (bot ? !m_filter.includeBots : !m_filter.includeHumans)
        return false;
    if ((m_filter.typeMask & (1u << r.type)) == 0)
        return false;
    if (m_filter.minAbsDelta > 0 && std::abs(static_cast<std::int64_t>(r.delta)) < m_filter.minAbsDelta)
        return false;
    if (!m_filter.namespaces.empty() &&
        !std::binary_search(m_filter.namespaces.begin(), m_filter.namespaces.end(), r.ns))
        return false;
    return wikiPasses(r.wikiId, ring);
}

} // namespace wt::analytics
