#pragma once
// Reference-counted string interner: dense uint32 ids for wiki, user and page names. An id is
// freed (and later reused) when its last reference goes, so a week-long run stays bounded by
// what the retained window references. Analytics thread only.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace wt::analytics {

class StringInterner {
public:
    static constexpr std::uint32_t kNone = 0xffffffffu;

    // Finds or adds the string and takes one reference. *created tells whether the id is fresh.
    std::uint32_t acquire(std::string_view text, bool* created = nullptr);
    void addRef(std::uint32_t id) { ++m_refs[id]; }
    void release(std::uint32_t id);
    // Looks up without taking a reference; kNone when absent.
    std::uint32_t find(std::string_view text) const;

    std::string_view view(std::uint32_t id) const { return *m_strings[id]; }
    std::uint32_t refs(std::uint32_t id) const { return m_refs[id]; }
    std::size_t live() const { return m_map.size(); }
    std::size_t capacity() const { return m_strings.size(); } // highest id + 1
    void clear();

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    struct Equal {
        using is_transparent = void;
        bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    };

    std::unordered_map<std::string, std::uint32_t, Hash, Equal> m_map;
    std::vector<const std::string*> m_strings; // points at the map's keys (node-stable)
    std::vector<std::uint32_t> m_refs;
    std::vector<std::uint32_t> m_free;
};

} // namespace wt::analytics
