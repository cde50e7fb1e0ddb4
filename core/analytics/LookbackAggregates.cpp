#include "analytics/LookbackAggregates.h"

#include <algorithm>

#include "event/EditEvent.h"

namespace wt::analytics {

namespace {
template <typename T>
T& at(std::vector<T>& v, std::uint32_t id)
{
    if (id >= v.size())
        v.resize(static_cast<std::size_t>(id) + 1 + v.size() / 2);
    return v[id];
}
} // namespace

void LookbackAggregates::clear()
{
    m_totals = {};
    std::fill(m_nsFlat.begin(), m_nsFlat.end(), 0);
    m_nsOther.clear();
    m_wikis.clear();
    m_userStats.clear();
    m_pageStats.clear();
    m_users.clear();
    m_pages.clear();
    m_engagement.clear();
}

void LookbackAggregates::apply(const EventRecord& r, int sign)
{
    using namespace event;
    const std::int64_t s = sign;
    const std::int64_t added = r.delta > 0 ? r.delta : 0;
    const std::int64_t removed = r.delta < 0 ? -static_cast<std::int64_t>(r.delta) : 0;
    const std::uint16_t f = r.flags;
    const bool bot = (f & Flag::Bot) != 0;

    WindowTotals& t = m_totals;
    t.events += s;
    t.bytesAdded += s * added;
    t.bytesRemoved += s * removed;
    if (bot)
        t.bots += s;
    else if (f & Flag::Anonymous)
        t.anonymous += s;
    else if (f & Flag::Temporary)
        t.temporary += s;
    else
        t.registered += s;
    if (f & Flag::Minor)
        t.minor += s;
    else if (r.type == std::uint8_t(EditType::Edit) || r.type == std::uint8_t(EditType::New))
        t.major += s;
    if (f & Flag::NewPage)
        t.newPages += s;
    if (r.type < t.byType.size())
        t.byType[r.type] += s;

    const auto nsIndex = static_cast<std::size_t>(std::int64_t(r.ns) - kNsFlatLow);
    if (nsIndex < kNsFlatSize) {
        m_nsFlat[nsIndex] += s;
    } else if (sign > 0) {
        ++m_nsOther[r.ns];
    } else {
        auto it = m_nsOther.find(r.ns);
        if (it != m_nsOther.end() && --it->second == 0)
            m_nsOther.erase(it);
    }

    WikiStat& w = at(m_wikis, r.wikiId);
    w.edits += s;
    w.bytesAdded += s * added;
    w.bytesRemoved += s * removed;

    UserStat& u = at(m_userStats, r.userId);
    const std::uint32_t before = m_users.count(r.userId);
    if (sign > 0) {
        m_users.increment(r.userId);
        u.lastWikiId = r.wikiId;
    } else {
        m_users.decrement(r.userId);
    }
    m_engagement.move(before, before + sign);
    u.bytesAdded += s * added;
    u.bytesRemoved += s * removed;
    if (bot)
        u.botEdits += sign;

    PageStat& p = at(m_pageStats, r.pageId);
    if (sign > 0)
        m_pages.increment(r.pageId);
    else
        m_pages.decrement(r.pageId);
    p.bytesAdded += s * added;
    p.bytesRemoved += s * removed;
}

} // namespace wt::analytics
