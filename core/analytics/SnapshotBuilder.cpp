#include "analytics/SnapshotBuilder.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "enrich/Enricher.h"

namespace wt::analytics {

namespace {

std::string pageUrl(const std::string& server, std::string_view title)
{
    if (server.empty())
        return {};
    std::string url = "https://" + server + "/wiki/";
    for (char c : title)
        url.push_back(c == ' ' ? '_' : c);
    return url;
}

void fillTop(std::vector<LeaderRow>& out, std::size_t n,
             std::vector<std::pair<std::string_view, WikiStat>>& rows)
{
    auto better = [](const auto& a, const auto& b) {
        if (a.second.edits != b.second.edits)
            return a.second.edits > b.second.edits;
        return a.first < b.first;
    };
    const std::size_t k = std::min(n, rows.size());
    std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(k), rows.end(),
                      better);
    for (std::size_t i = 0; i < k; ++i) {
        LeaderRow row;
        row.key = rows[i].first;
        row.edits = rows[i].second.edits;
        row.bytesAdded = rows[i].second.bytesAdded;
        row.bytesRemoved = rows[i].second.bytesRemoved;
        row.bytesNet = row.bytesAdded - row.bytesRemoved;
        out.push_back(std::move(row));
    }
}

} // namespace

template <typename KeyOf>
std::vector<std::uint32_t> SnapshotBuilder::topIds(const RankedCounter& counter, std::size_t n,
                                                   KeyOf keyOf)
{
    std::vector<std::uint32_t> out;
    auto byKey = [&](std::uint32_t a, std::uint32_t b) { return keyOf(a) < keyOf(b); };
    counter.forEachBucketDescending([&](std::uint32_t, std::uint32_t head, std::uint32_t size) {
        const std::size_t need = n - out.size();
        std::vector<std::uint32_t> ids;
        if (size <= need) {
            for (std::uint32_t id = head; id != RankedCounter::kNone; id = counter.nextInBucket(id))
                ids.push_back(id);
            std::sort(ids.begin(), ids.end(), byKey);
        } else {
            // A tie across the cut: keep the `need` smallest keys with a bounded max-heap.
            ids.reserve(need + 1);
            for (std::uint32_t id = head; id != RankedCounter::kNone;
                 id = counter.nextInBucket(id)) {
                if (ids.size() < need) {
                    ids.push_back(id);
                    std::push_heap(ids.begin(), ids.end(), byKey);
                } else if (byKey(id, ids.front())) {
                    std::pop_heap(ids.begin(), ids.end(), byKey);
                    ids.back() = id;
                    std::push_heap(ids.begin(), ids.end(), byKey);
                }
            }
            std::sort_heap(ids.begin(), ids.end(), byKey);
        }
        out.insert(out.end(), ids.begin(), ids.end());
        return out.size() < n;
    });
    return out;
}

std::int64_t SnapshotBuilder::trafficStepSeconds(std::int64_t lookbackSeconds)
{
    for (std::int64_t step : {1, 5, 10, 15, 30, 60, 120, 300, 600})
        if ((lookbackSeconds + step - 1) / step <= 1200)
            return step;
    return 600;
}

DashboardSnapshotPtr SnapshotBuilder::build(const EventTimeAggregator& agg, const Options& o,
                                            const ingest::IngestCounters& ingest)
{
    auto snap = std::make_shared<DashboardSnapshot>();
    DashboardSnapshot& s = *snap;
    s.sequence = o.sequence;
    s.wallMs = o.wallMs;
    s.lookbackMs = agg.lookbackMs();
    s.ingest = ingest;
    s.kpis.late = agg.lateTotal();
    const std::size_t topN = static_cast<std::size_t>(std::max(0, o.topN));
    const SecondRing& ring = agg.ring();
    const LookbackAggregates& a = agg.aggregates();
    s.keywords = agg.keywords().stats();
    for (const auto& m : agg.minutes().closed())
        s.closedMinutes.push_back(m);
    if (!agg.hasClock()) {
        if (o.history)
            o.history->apply(s, agg, o.wallMs);
        return snap;
    }

    s.clockMs = agg.clockMs();
    s.watermarkMs = agg.watermarkMs();
    const std::int64_t clockSec = agg.clockSecond();
    const std::int64_t lowSec = agg.windowLowSecond();

    const WindowTotals& t = a.totals();
    Kpis& k = s.kpis;
    k.events = t.events;
    k.bytesAdded = t.bytesAdded;
    k.bytesRemoved = t.bytesRemoved;
    k.bytesNet = t.bytesAdded - t.bytesRemoved;
    k.bots = t.bots;
    k.anonymous = t.anonymous;
    k.temporary = t.temporary;
    k.registered = t.registered;
    k.minor = t.minor;
    k.major = t.major;
    k.newPages = t.newPages;
    k.activeUsers = a.users().nonZero();
    s.byType = t.byType;

    // Traffic, and the velocity of the last 10 s, from the per-second cells.
    const std::int64_t step = trafficStepSeconds(agg.lookbackSeconds());
    s.trafficStepMs = step * 1000;
    const std::int64_t first = lowSec >= 0 ? lowSec / step * step : (lowSec - step + 1) / step * step;
    s.traffic.resize(static_cast<std::size_t>((clockSec - first) / step + 1));
    for (std::size_t i = 0; i < s.traffic.size(); ++i)
        s.traffic[i].timeMs = (first + static_cast<std::int64_t>(i) * step) * 1000;
    std::uint64_t last10 = 0;
    for (std::int64_t sec = lowSec; sec <= clockSec; ++sec) {
        const SecondSlot* slot = ring.slot(sec);
        if (!slot)
            continue;
        TrafficPoint& p = s.traffic[static_cast<std::size_t>((sec - first) / step)];
        p.human += slot->traffic.human;
        p.bot += slot->traffic.bot;
        p.bytesAdded += slot->traffic.bytesAdded;
        p.bytesRemoved += slot->traffic.bytesRemoved;
        if (sec > clockSec - 10)
            last10 += slot->traffic.human + slot->traffic.bot;
    }
    k.velocityNow = static_cast<double>(last10) / 10.0;
    const std::int64_t span = std::min(agg.lookbackSeconds(), clockSec - agg.firstSecond() + 1);
    k.velocityAvg = span > 0 ? static_cast<double>(t.events) / static_cast<double>(span) : 0.0;

    a.forEachNamespace([&](std::int32_t ns, std::uint64_t n) {
        s.byNamespace.push_back(NamespaceCount{ns, n});
    });
    std::sort(s.byNamespace.begin(), s.byNamespace.end(), [](const auto& x, const auto& y) {
        return x.events != y.events ? x.events > y.events : x.ns < y.ns;
    });

    // Wikis, languages and projects folded from the sites (a few thousand at most).
    std::map<std::string_view, WikiStat> wikiSums, languages, projects;
    std::map<std::string_view, std::pair<std::uint64_t, std::string_view>> wikiServer;
    for (std::uint32_t id = 0; id < a.wikis().size(); ++id) {
        const WikiStat& w = a.wikis()[id];
        if (w.edits == 0)
            continue;
        const WikiInfo& info = ring.wikiInfo(id);
        for (auto [m, key] : {std::pair{&wikiSums, std::string_view(info.wiki)},
                              std::pair{&languages, std::string_view(info.language)},
                              std::pair{&projects, std::string_view(info.project)}}) {
            if (key.empty() && m != &wikiSums)
                continue;
            WikiStat& sum = (*m)[key];
            sum.edits += w.edits;
            sum.bytesAdded += w.bytesAdded;
            sum.bytesRemoved += w.bytesRemoved;
        }
        auto& server = wikiServer[info.wiki]; // the wiki's link: its busiest site's server
        if (w.edits > server.first)
            server = {w.edits, info.serverName};
    }
    std::vector<std::pair<std::string_view, WikiStat>> wikis(wikiSums.begin(), wikiSums.end());
    fillTop(s.topWikis, topN, wikis);
    for (LeaderRow& row : s.topWikis) {
        row.wiki = row.key;
        const std::string_view server = wikiServer[row.key].second;
        if (!server.empty())
            row.url = "https://" + std::string(server) + "/";
    }
    std::vector<std::pair<std::string_view, WikiStat>> rows(languages.begin(), languages.end());
    fillTop(s.topLanguages, topN, rows);
    rows.assign(projects.begin(), projects.end());
    fillTop(s.topProjects, topN, rows);

    for (std::uint32_t id : topIds(a.pages(), topN, [&](std::uint32_t p) { return ring.pageKey(p); })) {
        const std::string_view key = ring.pageKey(id);
        const PageStat& ps = a.pageStats()[id];
        LeaderRow row;
        row.wiki = key.substr(0, key.find('\n'));
        row.key = ring.title(id);
        row.edits = a.pages().count(id);
        row.bytesAdded = ps.bytesAdded;
        row.bytesRemoved = ps.bytesRemoved;
        row.bytesNet = ps.bytesAdded - ps.bytesRemoved;
        auto server = wikiServer.find(row.wiki);
        if (server != wikiServer.end())
            row.url = pageUrl(std::string(server->second.second), row.key);
        s.topPages.push_back(std::move(row));
    }
    for (std::uint32_t id : topIds(a.users(), topN, [&](std::uint32_t u) { return ring.user(u); })) {
        const UserStat& us = a.userStats()[id];
        LeaderRow row;
        row.key = ring.user(id);
        row.edits = a.users().count(id);
        row.bytesAdded = us.bytesAdded;
        row.bytesRemoved = us.bytesRemoved;
        row.bytesNet = us.bytesAdded - us.bytesRemoved;
        row.bot = us.botEdits > 0;
        if (ring.sites().refs(us.lastWikiId) > 0) {
            row.wiki = ring.wiki(us.lastWikiId);
            row.url = pageUrl(ring.wikiInfo(us.lastWikiId).serverName,
                              "Special:Contributions/" + row.key);
        }
        s.topUsers.push_back(std::move(row));
    }
    s.engagement = a.engagement().bins();

    // Recent edits: walk seconds from the newest, keep the newest recentCap that pass the filter.
    std::vector<std::pair<const EventRecord*, std::int64_t>> picked; // record, its second
    std::vector<const EventRecord*> inSecond;
    for (std::int64_t sec = clockSec; sec >= lowSec && picked.size() < o.recentCap; --sec) {
        const SecondSlot* slot = ring.slot(sec);
        if (!slot)
            continue;
        inSecond.clear();
        for (const EventRecord& r : slot->records)
            if (agg.filter().passes(r, ring))
                inSecond.push_back(&r);
        std::stable_sort(inSecond.begin(), inSecond.end(),
                         [](auto* x, auto* y) { return x->msInSecond < y->msInSecond; });
        for (auto it = inSecond.rbegin(); it != inSecond.rend() && picked.size() < o.recentCap;
             ++it)
            picked.emplace_back(*it, sec);
    }
    s.recent.reserve(picked.size());
    for (auto it = picked.rbegin(); it != picked.rend(); ++it) {
        const EventRecord& r = *it->first;
        RecentEdit e;
        e.timeMs = r.timeMs(it->second);
        e.delta = r.delta;
        e.flags = r.flags;
        e.type = static_cast<std::uint8_t>(r.type);
        e.wiki = ring.wiki(r.wikiId);
        e.title = ring.title(r.pageId);
        e.user = ring.user(r.userId);
        e.diffUrl = ring.diffUrl(r);
        s.recent.push_back(std::move(e));
    }

    s.keywordHits = agg.keywords().hitsSince(lowSec * 1000);
    if (o.history)
        o.history->apply(s, agg, o.wallMs);
    applyLabels(s, o);
    return snap;
}

void SnapshotBuilder::applyLabels(DashboardSnapshot& s, const Options& o)
{
    if (!o.labels)
        return;
    auto apply = [&](std::string_view qid, std::string& label) {
        if (const std::string* known = o.labels->lookup(qid))
            label = *known;
        else if (o.wantedQids)
            o.wantedQids->push_back(qid);
    };
    for (LeaderRow& row : s.topPages)
        if (row.wiki == "wikidatawiki" && enrich::isWikidataItemTitle(row.key))
            apply(row.key, row.label);
    for (auto it = s.recent.rbegin(); it != s.recent.rend(); ++it)
        if (it->flags & event::Flag::WikidataItem)
            apply(it->title, it->label);
}

} // namespace wt::analytics
