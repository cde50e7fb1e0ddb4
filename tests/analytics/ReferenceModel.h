#pragma once
// Brute-force reference for the analytics suites: plain loops and std::map over the same
// events, written independently of the engine's incremental structures.

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <QRegularExpression>
#include <QString>

#include "analytics/AnalyticsConfig.h"
#include "analytics/DashboardSnapshot.h"
#include "event/EditEvent.h"

namespace wt::test {

struct RefRow {
    std::string key;
    std::string wiki;
    std::uint64_t edits = 0;
    std::int64_t added = 0;
    std::int64_t removed = 0;
    bool bot = false;
};

struct RefView {
    analytics::Kpis kpis;
    std::array<std::uint64_t, 6> byType{};
    std::vector<std::pair<std::int32_t, std::uint64_t>> ns; // sorted like the snapshot
    std::vector<RefRow> wikis, languages, projects, pages, users; // full, sorted
    std::map<std::uint32_t, std::uint64_t> histogram; // bin min -> users
    std::map<std::int64_t, analytics::TrafficPoint> perSecond;
    std::vector<std::int64_t> recentTimes; // newest last
};

inline std::int64_t refSecond(std::int64_t ms) { return ms >= 0 ? ms / 1000 : (ms - 999) / 1000; }

inline bool refPasses(const event::EditEvent& e, const analytics::Filter& f)
{
    const bool bot = e.has(event::Flag::Bot);
    if (bot && !f.includeBots)
        return false;
    if (!bot && !f.includeHumans)
        return false;
    if (!(f.typeMask & (1 << int(e.type))))
        return false;
    if (std::abs(e.delta) < f.minAbsDelta)
        return false;
    if (!f.namespaces.empty() &&
        std::find(f.namespaces.begin(), f.namespaces.end(), e.ns) == f.namespaces.end())
        return false;
    if (!f.wikiPatterns.empty()) {
        bool any = false;
        for (const auto& p : f.wikiPatterns) {
            QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
                                      QString::fromStdString(p)),
                                  QRegularExpression::CaseInsensitiveOption);
            if (re.match(QString::fromStdString(e.wiki)).hasMatch() ||
                re.match(QString::fromStdString(e.serverName)).hasMatch())
                any = true;
        }
        if (any == f.excludeWikis)
            return false;
    }
    return true;
}

// Which fed events are late: older than (newest time seen so far - lateness).
inline std::vector<bool> refLate(const event::EventBatch& fed, std::int64_t latenessMs)
{
    std::vector<bool> late(fed.size(), false);
    bool seen = false;
    std::int64_t clock = 0;
    for (std::size_t i = 0; i < fed.size(); ++i) {
        if (seen && fed[i].timeMs < clock - latenessMs) {
            late[i] = true;
            continue;
        }
        clock = seen ? std::max(clock, fed[i].timeMs) : fed[i].timeMs;
        seen = true;
    }
    return late;
}

inline std::vector<RefRow> refSorted(std::map<std::string, RefRow>& m)
{
    std::vector<RefRow> rows;
    for (auto& [k, r] : m) {
        r.key = k;
        rows.push_back(r);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const RefRow& a, const RefRow& b) {
        return a.edits > b.edits; // map order already gives key ascending for ties
    });
    return rows;
}

// The view over fed[0, count) at the engine clock of that moment.
inline RefView refCompute(const event::EventBatch& fed, std::size_t count,
                          const std::vector<bool>& late, std::int64_t lookbackMs,
                          const analytics::Filter& f, std::size_t recentCap)
{
    RefView v;
    std::int64_t clock = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < count; ++i)
        if (!late[i])
            clock = std::max(clock, fed[i].timeMs);
    const std::int64_t low = refSecond(clock) - lookbackMs / 1000;
    std::map<std::string, RefRow> wikis, langs, projects, pages, users;
    std::map<std::int32_t, std::uint64_t> ns;
    std::vector<std::pair<std::int64_t, std::size_t>> recent;
    for (std::size_t i = 0; i < count; ++i) {
        const auto& e = fed[i];
        if (late[i]) {
            ++v.kpis.late;
            continue;
        }
        if (refSecond(e.timeMs) <= low || !refPasses(e, f))
            continue;
        const std::int64_t add = std::max(0, e.delta), rem = std::max(0, -e.delta);
        auto& k = v.kpis;
        ++k.events;
        k.bytesAdded += add;
        k.bytesRemoved += rem;
        const bool bot = e.has(event::Flag::Bot);
        if (bot)
            ++k.bots;
        else if (e.has(event::Flag::Anonymous))
            ++k.anonymous;
        else if (e.has(event::Flag::Temporary))
            ++k.temporary;
        else
            ++k.registered;
        if (e.has(event::Flag::Minor))
            ++k.minor;
        else if (e.type == event::EditType::Edit || e.type == event::EditType::New)
            ++k.major;
        if (e.has(event::Flag::NewPage))
            ++k.newPages;
        ++v.byType[int(e.type)];
        ++ns[e.ns];
        for (auto [m, key] : {std::pair{&wikis, e.wiki}, std::pair{&langs, e.language},
                              std::pair{&projects, e.project},
                              std::pair{&pages, e.wiki + "\n" + e.title},
                              std::pair{&users, e.user}}) {
            if (key.empty() && (m == &langs || m == &projects))
                continue;
            RefRow& r = (*m)[key];
            ++r.edits;
            r.added += add;
            r.removed += rem;
            r.bot = r.bot || bot;
            if (m == &pages)
                r.wiki = e.wiki;
        }
        auto& p = v.perSecond[refSecond(e.timeMs)];
        (bot ? p.bot : p.human)++;
        p.bytesAdded += add;
        p.bytesRemoved += rem;
        recent.emplace_back(e.timeMs, i);
    }
    v.kpis.activeUsers = users.size();
    for (auto& [n, c] : ns)
        v.ns.emplace_back(n, c);
    std::stable_sort(v.ns.begin(), v.ns.end(),
                     [](auto& a, auto& b) { return a.second > b.second; });
    v.wikis = refSorted(wikis);
    v.languages = refSorted(langs);
    v.projects = refSorted(projects);
    v.pages = refSorted(pages);
    for (auto& r : v.pages)
        r.key = r.key.substr(r.key.find('\n') + 1);
    v.users = refSorted(users);
    for (const auto& u : v.users) {
        std::uint32_t lo = 1;
        while (lo * 2 <= u.edits)
            lo *= 2;
        ++v.histogram[lo];
    }
    std::stable_sort(recent.begin(), recent.end());
    if (recent.size() > recentCap)
        recent.erase(recent.begin(), recent.end() - static_cast<std::ptrdiff_t>(recentCap));
    for (auto& [t, i] : recent)
        v.recentTimes.push_back(t);
    return v;
}

} // namespace wt::test
