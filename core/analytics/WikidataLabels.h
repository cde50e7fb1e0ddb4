#pragma once
// The Wikidata labels the analytics engine shows next to Q-id titles (top pages, recent edits):
// a bounded LRU of answers from the label resolver, plus the memory of which Q-ids were asked
// for recently, so each tick asks only for what is new. Analytics thread only.

#include <cstdint>
#include <deque>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <QStringList>

#include "store/StoreTypes.h"

namespace wt::analytics {

class WikidataLabels {
public:
    static constexpr std::size_t kDefaultCapacity = 50'000;
    static constexpr std::int64_t kRetryMs = 10 * 60 * 1000; // ask again when no answer came
    static constexpr std::size_t kMaxWantedPerTick = 500;

    explicit WikidataLabels(std::size_t capacity = kDefaultCapacity);

    // Takes answers: a found label is kept, a missing item is kept as known-missing (empty), so
    // it is not asked for again while it stays in the cache.
    void set(const store::LabelMap& labels);
    // The label of a Q-id when an answer is cached (may be empty: no label); nullptr when not.
    // A hit counts as a use for the LRU order.
    const std::string* lookup(std::string_view qid);
    // Of qids (in priority order, duplicates allowed): those with no cached answer and not asked
    // for within kRetryMs, at most kMaxWantedPerTick, each once. Marks them asked at nowMs.
    QStringList takeWanted(const std::vector<std::string_view>& qids, std::int64_t nowMs);

    std::size_t size() const { return m_index.size(); }
    std::size_t capacity() const { return m_capacity; }

private:
    struct Entry {
        std::string qid;
        std::string label;
    };
    // Heterogeneous look-up: a string_view finds a std::string key without building one.
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    std::size_t m_capacity;
    std::list<Entry> m_lru; // most recently used first
    std::unordered_map<std::string_view, std::list<Entry>::iterator> m_index; // views into m_lru
    std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> m_asked; // qid -> when
    std::deque<std::pair<std::string, std::int64_t>> m_askedOrder; // oldest first, bounds m_asked
};

} // namespace wt::analytics
