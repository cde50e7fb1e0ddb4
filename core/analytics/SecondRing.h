#pragma once
// The retained events: one slot per second of event time for the whole retention (3 h plus the
// allowed lateness), each holding its compact records and its filtered traffic cell. Owns the
// interners (one reference per stored record and id) and per-wiki facts. Analytics thread only.

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/EventRecord.h"
#include "analytics/StringInterner.h"
#include "event/EditEvent.h"

namespace wt::analytics {

// A "site": one (wiki, server, language, project) combination as events carry it. Usually one
// per wiki, but real events disagree (enwiki log events from auth.wikimedia.org), and the
// leaderboards fold sites by wiki, language or project exactly as each event says.
struct WikiInfo {
    std::string wiki;
    std::string serverName;
    std::string language;
    std::string project;
    std::uint64_t generation = 0; // changes when the id is reused for another wiki
};

struct TrafficCell {
    std::uint32_t human = 0;
    std::uint32_t bot = 0;
    std::int64_t bytesAdded = 0;
    std::int64_t bytesRemoved = 0;
};

struct SecondSlot {
    static constexpr std::int64_t kEmpty = std::numeric_limits<std::int64_t>::min();
    std::int64_t second = kEmpty; // epoch second this slot holds, kEmpty when unused
    std::vector<EventRecord> records;   // arrival order inside the second
    std::vector<KeywordMark> keywords; // records that matched the watch list, by index
    TrafficCell traffic;               // filtered, recomputed on a filter change
};

class SecondRing {
public:
    explicit SecondRing(std::int64_t retentionSeconds);

    static std::int64_t secondOf(std::int64_t timeMs);

    // Interns the event's strings (taking references) and returns its record; store() it next.
    EventRecord makeRecord(const event::EditEvent& e);
    // Stores into the slot of `second` (the record's), which must lie in the ring (contains()).
    SecondSlot& store(std::int64_t second, const EventRecord& record);
    // Moves the newest second forward, evicting (and releasing) slots that fall out.
    void advanceTo(std::int64_t newestSecond);
    // Frees the spare capacity of a second that can take no more events (behind the watermark).
    void seal(std::int64_t second);

    bool contains(std::int64_t second) const
    {
        return m_newest != SecondSlot::kEmpty && second <= m_newest &&
               second > m_newest - m_retention;
    }
    // The slot of a second, or nullptr when it holds no events.
    const SecondSlot* slot(std::int64_t second) const;
    SecondSlot* slot(std::int64_t second);
    std::int64_t newest() const { return m_newest; }
    std::int64_t retention() const { return m_retention; }
    std::size_t size() const { return m_size; }

    std::string_view wiki(std::uint32_t siteId) const { return m_wikiInfo[siteId].wiki; }
    std::string_view user(std::uint32_t id) const { return m_users.view(id); }
    std::string_view pageKey(std::uint32_t id) const { return m_pages.view(id); } // wiki\ntitle
    std::string_view title(std::uint32_t pageId) const;
    const WikiInfo& wikiInfo(std::uint32_t id) const { return m_wikiInfo[id]; }
    const StringInterner& sites() const { return m_wikis; }
    const StringInterner& users() const { return m_users; }
    const StringInterner& pages() const { return m_pages; }
    std::string diffUrl(const EventRecord& r) const;

private:
    void release(SecondSlot& slot);
    std::uint32_t siteOf(const event::EditEvent& e);

    // Last site seen per hash of the wiki name: most events skip building and hashing the
    // site key. An entry is only a hint, checked against the site's strings and references.
    static constexpr std::size_t kSiteCacheSize = 256;
    std::uint32_t m_siteCache[kSiteCacheSize];

    std::int64_t m_retention;
    std::int64_t m_newest = SecondSlot::kEmpty;
    std::size_t m_size = 0;
    std::vector<SecondSlot> m_slots;
    StringInterner m_wikis;
    StringInterner m_users;
    StringInterner m_pages;
    std::vector<WikiInfo> m_wikiInfo; // by wiki id
    std::string m_keyBuffer;
    std::uint64_t m_generation = 0;
};

} // namespace wt::analytics
