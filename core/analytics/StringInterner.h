#pragma once
// Reference-counted string interner: dense uint32 ids for wiki, user and page names. An id is
// freed (and later reused) when its last reference goes, so a week-long run stays bounded by
// what the retained window references. Analytics thread only.
//
// It sits on the per-event path (three look-ups per event), so it is a flat open-addressing
// table (linear probing, backward-shift deletion, no tombstones) of 8-byte slots holding the
// id and 32 bits of the string's 64-bit hash: a probe touches one cache line and compares text
// only when those 32 bits agree; growing never re-hashes a string.

#include <cstdint>
#include <string_view>
#include <vector>

namespace wt::analytics {

class StringInterner {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    StringInterner() = default;
    ~StringInterner();
    StringInterner(const StringInterner&) = delete;
    StringInterner& operator=(const StringInterner&) = delete;

    // Fast 64-bit hash (wyhash-style multiply-mix), the one the table uses.
    static std::uint64_t hash(std::string_view text);

    // Finds or adds the string and takes one reference. *created tells whether the id is fresh.
    std::uint32_t acquire(std::string_view text, bool* created = nullptr)
    {
        return acquireHashed(text, hash(text), created);
    }
    // The same with the hash already computed (hash(text)).
    std::uint32_t acquireHashed(std::string_view text, std::uint64_t hash, bool* created = nullptr);
    void addRef(std::uint32_t id) { ++m_entries[id].refs; }
    void release(std::uint32_t id);
    // Looks up without taking a reference; kNone when absent.
    std::uint32_t find(std::string_view text) const;

    std::string_view view(std::uint32_t id) const
    {
        const Entry& e = m_entries[id];
        return {e.data, e.size};
    }
    std::uint32_t refs(std::uint32_t id) const { return m_entries[id].refs; }
    std::size_t live() const { return m_live; }
    std::size_t capacity() const { return m_entries.size(); } // highest id + 1
    // Heap bytes held: entries, table and the text of live strings.
    std::size_t memoryBytes() const;
    std::size_t textBytes() const { return m_textBytes; }
    void clear();

private:
    struct Entry {
        char* data = nullptr; // own copy (malloc), nullptr when free
        std::uint32_t size = 0;
        std::uint32_t refs = 0;
    };
    static_assert(sizeof(Entry) == 16, "one entry per live string: keep it small");
    static constexpr std::uint64_t kEmpty = ~std::uint64_t(0);

    std::uint64_t slotIndexOf(std::uint32_t id) const; // re-hashes the text (release only)
    void grow();

    std::vector<Entry> m_entries;
    std::vector<std::uint64_t> m_table; // (tag << 32) | id, kEmpty when free; size a power of 2
    std::vector<std::uint32_t> m_free;
    std::size_t m_live = 0;
    std::size_t m_textBytes = 0;
    std::uint64_t m_mask = 0;
};

} // namespace wt::analytics
