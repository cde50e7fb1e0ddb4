#include "analytics/SecondRing.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <iterator>

namespace wt::analytics {

namespace {
std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}
std::size_t indexOf(std::int64_t second, std::int64_t n)
{
    std::int64_t m = second % n;
    return static_cast<std::size_t>(m < 0 ? m + n : m);
}
} // namespace

SecondRing::SecondRing(std::int64_t retentionSeconds)
    : m_retention(retentionSeconds), m_slots(static_cast<std::size_t>(retentionSeconds))
{
    std::fill(std::begin(m_siteCache), std::end(m_siteCache), StringInterner::kNone);
}

std::int64_t SecondRing::secondOf(std::int64_t timeMs) { return floorDiv(timeMs, 1000); }

std::uint32_t SecondRing::siteOf(const event::EditEvent& e)
{
    std::uint32_t& hint = m_siteCache[StringInterner::hash(e.wiki) & (kSiteCacheSize - 1)];
    if (hint != StringInterner::kNone && m_wikis.refs(hint) > 0) {
        const WikiInfo& info = m_wikiInfo[hint];
        if (info.wiki == e.wiki && info.serverName == e.serverName &&
            info.language == e.language && info.project == e.project) {
            m_wikis.addRef(hint);
            return hint;
        }
    }
    bool created = false;
    m_keyBuffer.assign(e.wiki);
    for (const std::string* part : {&e.serverName, &e.language, &e.project}) {
        m_keyBuffer.push_back('\n');
        m_keyBuffer.append(*part);
    }
    const std::uint32_t id = m_wikis.acquire(m_keyBuffer, &created);
    if (created) {
        if (m_wikiInfo.size() <= id)
            m_wikiInfo.resize(id + 1);
        m_wikiInfo[id] = WikiInfo{e.wiki, e.serverName, e.language, e.project, ++m_generation};
    }
    hint = id;
    return id;
}

EventRecord SecondRing::makeRecord(const event::EditEvent& e)
{
    EventRecord r;
    const std::int64_t ms = e.timeMs - secondOf(e.timeMs) * 1000;
    r.msInSecond = static_cast<std::uint16_t>(ms) & 0x3ff;
    r.setRevNew(e.revNew);
    if (r.revNew() == e.revNew && e.revNew > 0 && e.revOld > 0 && e.revNew > e.revOld &&
        e.revNew - e.revOld < 0xffffffffLL)
        r.revGap = static_cast<std::uint32_t>(e.revNew - e.revOld);
    r.delta = e.delta;
    r.ns = static_cast<std::int16_t>(std::clamp<std::int32_t>(e.ns, INT16_MIN, INT16_MAX));
    r.flags = e.flags;
    r.type = static_cast<std::uint16_t>(e.type) & 0x7;
    r.wikiId = siteOf(e);
    r.userId = m_users.acquire(e.user);
    m_keyBuffer.assign(e.wiki);
    m_keyBuffer.push_back('\n');
    m_keyBuffer.append(e.title);
    r.pageId = m_pages.acquire(m_keyBuffer);
    return r;
}

SecondSlot& SecondRing::store(std::int64_t second, const EventRecord& record)
{
    SecondSlot& s = m_slots[indexOf(second, m_retention)];
    s.records.push_back(record);
    ++m_size;
    return s;
}

void SecondRing::release(SecondSlot& slot)
{
    for (const EventRecord& r : slot.records) {
        m_wikis.release(r.wikiId);
        m_users.release(r.userId);
        m_pages.release(r.pageId);
    }
    m_size -= slot.records.size();
    std::vector<EventRecord>().swap(slot.records);
    std::vector<KeywordMark>().swap(slot.keywords);
    slot.traffic = {};
    slot.second = SecondSlot::kEmpty;
}

void SecondRing::advanceTo(std::int64_t newestSecond)
{
    if (m_newest != SecondSlot::kEmpty && newestSecond <= m_newest)
        return;
    std::int64_t from = m_newest == SecondSlot::kEmpty ? newestSecond - m_retention + 1
                                                       : m_newest + 1;
    if (newestSecond - from >= m_retention)
        from = newestSecond - m_retention + 1; // a jump past the whole ring: every slot recycles
    for (std::int64_t s = from; s <= newestSecond; ++s) {
        SecondSlot& slot = m_slots[indexOf(s, m_retention)];
        if (slot.second != SecondSlot::kEmpty)
            release(slot);
        slot.second = s;
    }
    m_newest = newestSecond;
}

void SecondRing::seal(std::int64_t second)
{
    if (SecondSlot* s = slot(second)) {
        s->records.shrink_to_fit();
        s->keywords.shrink_to_fit();
    }
}

const SecondSlot* SecondRing::slot(std::int64_t second) const
{
    if (!contains(second))
        return nullptr;
    const SecondSlot& s = m_slots[indexOf(second, m_retention)];
    return s.second == second ? &s : nullptr;
}

SecondSlot* SecondRing::slot(std::int64_t second)
{
    return const_cast<SecondSlot*>(static_cast<const SecondRing*>(this)->slot(second));
}

std::string_view SecondRing::title(std::uint32_t pageId) const
{
    std::string_view key = m_pages.view(pageId);
    const auto nl = key.find('\n');
    return nl == std::string_view::npos ? key : key.substr(nl + 1);
}

std::string SecondRing::diffUrl(const EventRecord& r) const
{
    // Rebuilt from the server and revision ids: the record keeps no URL string.
    const std::int64_t revNew = r.revNew();
    if (revNew <= 0)
        return {};
    const std::string& server = m_wikiInfo[r.wikiId].serverName;
    if (server.empty())
        return {};
    char num[24];
    std::string url = "https://" + server + "/w/index.php?";
    if (r.revGap != 0) {
        auto end = std::to_chars(num, num + sizeof num, revNew).ptr;
        url += "diff=";
        url.append(num, end);
        end = std::to_chars(num, num + sizeof num, revNew - r.revGap).ptr;
        url += "&oldid=";
        url.append(num, end);
    } else {
        auto end = std::to_chars(num, num + sizeof num, revNew).ptr;
        url += "oldid=";
        url.append(num, end);
    }
    return url;
}

} // namespace wt::analytics
