#include "analytics/StringInterner.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace wt::analytics {

namespace {

constexpr std::uint64_t kS0 = 0xa0761d6478bd642full;
constexpr std::uint64_t kS1 = 0xe7037ed1a0b428dbull;
constexpr std::uint64_t kS2 = 0x8ebc6af09c88c6e3ull;

inline std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    const unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
inline std::uint64_t read8(const unsigned char* p)
{
    std::uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline std::uint64_t read4(const unsigned char* p)
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

} // namespace

std::uint64_t StringInterner::hash(std::string_view text)
{
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::uint64_t seed = kS0 ^ mix(kS0 ^ n, kS1);
    std::uint64_t a = 0, b = 0;
    if (n <= 16) {
        if (n >= 4) {
            const std::size_t q = (n >> 3) << 2;
            a = (read4(p) << 32) | read4(p + q);
            b = (read4(p + n - 4) << 32) | read4(p + n - 4 - q);
        } else if (n > 0) {
            a = (std::uint64_t(p[0]) << 16) | (std::uint64_t(p[n >> 1]) << 8) | p[n - 1];
        }
    } else {
        std::size_t i = n;
        while (i > 16) {
            seed = mix(read8(p) ^ kS1, read8(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = read8(p + i - 16);
        b = read8(p + i - 8);
    }
    return mix(kS1 ^ n, mix(a ^ kS1, b ^ seed) ^ kS2);
}

StringInterner::~StringInterner() { clear(); }

void StringInterner::grow()
{
    const std::size_t size = m_table.empty() ? 1024 : m_table.size() * 2;
    std::vector<std::uint64_t> table(size, kEmpty);
    const std::uint64_t mask = size - 1;
    for (std::uint64_t slot : m_table) {
        if (slot == kEmpty)
            continue;
        std::uint64_t i = (slot >> 32) & mask;
        while (table[i] != kEmpty)
            i = (i + 1) & mask;
        table[i] = slot;
    }
    m_table.swap(table);
    m_mask = mask;
}

std::uint32_t StringInterner::acquireHashed(std::string_view text, std::uint64_t h, bool* created)
{
    const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
    if (!m_table.empty()) {
        for (std::uint64_t i = tag & m_mask;; i = (i + 1) & m_mask) {
            const std::uint64_t slot = m_table[i];
            if (slot == kEmpty)
                break;
            if ((slot >> 32) == tag) {
                Entry& e = m_entries[static_cast<std::uint32_t>(slot)];
                if (e.size == text.size() && std::memcmp(e.data, text.data(), text.size()) == 0) {
                    ++e.refs;
                    if (created)
                        *created = false;
                    return static_cast<std::uint32_t>(slot);
                }
            }
        }
    }
    if ((m_live + 1) * 4 > m_table.size() * 3) // load factor at most 3/4
        grow();
    std::uint32_t id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_entries.size());
        m_entries.emplace_back();
    }
    Entry& e = m_entries[id];
    e.data = static_cast<char*>(std::malloc(text.empty() ? 1 : text.size()));
    if (!e.data)
        throw std::bad_alloc();
    if (!text.empty())
        std::memcpy(e.data, text.data(), text.size());
    e.size = static_cast<std::uint32_t>(text.size());
    e.refs = 1;
    std::uint64_t i = tag & m_mask;
    while (m_table[i] != kEmpty)
        i = (i + 1) & m_mask;
    m_table[i] = (std::uint64_t(tag) << 32) | id;
    ++m_live;
    m_textBytes += text.size();
    if (created)
        *created = true;
    return id;
}

std::uint64_t StringInterner::slotIndexOf(std::uint32_t id) const
{
    const auto tag = static_cast<std::uint32_t>(hash(view(id)) >> 32);
    const std::uint64_t want = (std::uint64_t(tag) << 32) | id;
    std::uint64_t i = tag & m_mask;
    while (m_table[i] != want)
        i = (i + 1) & m_mask;
    return i;
}

void StringInterner::release(std::uint32_t id)
{
    Entry& e = m_entries[id];
    if (--e.refs != 0)
        return;
    // Backward-shift deletion: pull later members of the probe run into the hole, so lookups
    // never need tombstones and the table never degrades.
    std::uint64_t hole = slotIndexOf(id);
    for (std::uint64_t j = (hole + 1) & m_mask; m_table[j] != kEmpty; j = (j + 1) & m_mask) {
        const std::uint64_t home = (m_table[j] >> 32) & m_mask;
        if (((j - home) & m_mask) >= ((j - hole) & m_mask)) {
            m_table[hole] = m_table[j];
            hole = j;
        }
    }
    m_table[hole] = kEmpty;
    m_textBytes -= e.size;
    std::free(e.data);
    e = Entry{};
    --m_live;
    m_free.push_back(id);
}

std::uint32_t StringInterner::find(std::string_view text) const
{
    if (m_table.empty())
        return kNone;
    const std::uint32_t tag = static_cast<std::uint32_t>(hash(text) >> 32);
    for (std::uint64_t i = tag & m_mask;; i = (i + 1) & m_mask) {
        const std::uint64_t slot = m_table[i];
        if (slot == kEmpty)
            return kNone;
        if ((slot >> 32) == tag) {
            const Entry& e = m_entries[static_cast<std::uint32_t>(slot)];
            if (e.size == text.size() && std::memcmp(e.data, text.data(), text.size()) == 0)
                return static_cast<std::uint32_t>(slot);
        }
    }
}

std::size_t StringInterner::memoryBytes() const
{
    return m_entries.capacity() * sizeof(Entry) + m_table.capacity() * sizeof(std::uint64_t) +
           m_free.capacity() * sizeof(std::uint32_t) + m_textBytes;
}

void StringInterner::clear()
{
    for (Entry& e : m_entries)
        std::free(e.data);
    m_entries.clear();
    m_table.clear();
    m_free.clear();
    m_live = 0;
    m_textBytes = 0;
    m_mask = 0;
}

} // namespace wt::analytics
