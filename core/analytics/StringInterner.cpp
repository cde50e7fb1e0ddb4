#include "analytics/StringInterner.h"

namespace wt::analytics {

namespace {
const std::string kEmpty;
}

std::uint32_t StringInterner::acquire(std::string_view text, bool* created)
{
    auto it = m_map.find(text);
    if (it != m_map.end()) {
        ++m_refs[it->second];
        if (created)
            *created = false;
        return it->second;
    }
    std::uint32_t id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_strings.size());
        m_strings.push_back(&kEmpty);
        m_refs.push_back(0);
    }
    auto [pos, inserted] = m_map.emplace(std::string(text), id);
    (void)inserted;
    m_strings[id] = &pos->first;
    m_refs[id] = 1;
    if (created)
        *created = true;
    return id;
}

void StringInterner::release(std::uint32_t id)
{
    if (--m_refs[id] != 0)
        return;
    // Erase by key: take a copy of the view first, the key dies with the node.
    const std::string* key = m_strings[id];
    m_strings[id] = &kEmpty;
    auto it = m_map.find(std::string_view(*key));
    if (it != m_map.end())
        m_map.erase(it);
    m_free.push_back(id);
}

std::uint32_t StringInterner::find(std::string_view text) const
{
    auto it = m_map.find(text);
    return it == m_map.end() ? kNone : it->second;
}

void StringInterner::clear()
{
    m_map.clear();
    m_strings.clear();
    m_refs.clear();
    m_free.clear();
}

} // namespace wt::analytics
