#include "ingest/SseParser.h"

#include <algorithm>
#include <climits>
#include <cstring>

namespace wt::ingest {

namespace {

constexpr char kBom[3] = {'\xEF', '\xBB', '\xBF'};
// Longest field prefix that may precede a value ("data: "): a cut line longer than the cap plus
// this is over the cap whatever its field.
constexpr std::size_t kFieldSlack = 6;

const char* findOrEnd(const char* from, const char* end, char c)
{
    const void* hit = std::memchr(from, c, static_cast<std::size_t>(end - from));
    return hit ? static_cast<const char*>(hit) : end;
}

std::optional<int> parseRetry(std::string_view value)
{
    if (value.empty())
        return std::nullopt;
    long long ms = 0;
    for (char c : value) {
        if (c < '0' || c > '9')
            return std::nullopt;
        ms = ms * 10 + (c - '0');
        if (ms > INT_MAX)
            return std::nullopt;
    }
    return static_cast<int>(ms);
}

} // namespace

SseParser::SseParser(std::size_t maxEventBytes) : m_maxEventBytes(maxEventBytes) {}

void SseParser::setLastEventId(std::string id)
{
    m_lastEventId = std::move(id);
    m_idBuffer = m_lastEventId;
}

void SseParser::feed(std::string_view chunk, std::vector<SseMessage>& out)
{
    // The BOM is stripped once, at the very start of a stream, even when chunks split it.
    while (m_atStreamStart && !chunk.empty()) {
        if (chunk.front() == kBom[m_bomMatched]) {
            chunk.remove_prefix(1);
            if (++m_bomMatched == sizeof(kBom)) {
                m_atStreamStart = false;
                m_bomMatched = 0;
            }
        } else {
            // Not a BOM after all: the bytes held back are ordinary content.
            m_atStreamStart = false;
            const std::string_view held(kBom, m_bomMatched);
            m_bomMatched = 0;
            feedLines(held, out);
        }
    }
    if (!chunk.empty())
        feedLines(chunk, out);
}

void SseParser::feedLines(std::string_view bytes, std::vector<SseMessage>& out)
{
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    if (m_afterCr) {
        m_afterCr = false;
        if (p < end && *p == '\n')
            ++p; // CR ended the last chunk and this LF completes the same line end
    }
    // Each memchr result is reused until passed, so CR-only or LF-only streams stay linear.
    const char* lf = findOrEnd(p, end, '\n');
    const char* cr = findOrEnd(p, end, '\r');
    while (p < end) {
        if (lf < p)
            lf = findOrEnd(p, end, '\n');
        if (cr < p)
            cr = findOrEnd(p, end, '\r');
        const char* eol = std::min(lf, cr);
        if (eol == end) {
            if (!m_discardingLine) {
                m_line.append(p, static_cast<std::size_t>(end - p));
                if (m_line.size() > m_maxEventBytes + kFieldSlack)
                    overflowPartialLine();
            }
            return;
        }
        if (m_discardingLine) {
            m_discardingLine = false; // the over-long line ends here; nothing of it is kept
        } else if (!m_line.empty()) {
            m_line.append(p, static_cast<std::size_t>(eol - p));
            processLine(m_line, out);
            m_line.clear();
        } else {
            processLine(std::string_view(p, static_cast<std::size_t>(eol - p)), out);
        }
        p = eol + 1;
        if (*eol == '\r') {
            if (p == end)
                m_afterCr = true;
            else if (*p == '\n')
                ++p;
        }
    }
}

void SseParser::overflowPartialLine()
{
    // Memory stays bounded by the cap: the line is judged by its field name and then dropped.
    const std::string_view line(m_line);
    const std::string_view field = line.substr(0, line.find(':'));
    if (field == "data" || field == "event" || field == "id") {
        m_blockOversized = true;
        m_data.clear();
        m_data.shrink_to_fit();
    }
    m_line.clear();
    m_line.shrink_to_fit();
    m_discardingLine = true;
}

void SseParser::processLine(std::string_view line, std::vector<SseMessage>& out)
{
    if (line.empty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return; // comment, e.g. the ":ok" EventStreams sends first
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
        processField(line, std::string_view());
        return;
    }
    std::string_view value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ')
        value.remove_prefix(1); // exactly one space; a second one belongs to the value
    processField(line.substr(0, colon), value);
}

void SseParser::processField(std::string_view field, std::string_view value)
{
    if (field == "data") {
        if (m_blockOversized)
            return;
        if (m_data.size() + value.size() > m_maxEventBytes) {
            m_blockOversized = true;
            m_data.clear();
            m_data.shrink_to_fit();
            return;
        }
        if (m_data.empty())
            m_data.reserve(std::max(m_lastDataSize, value.size()) + 1);
        m_data.append(value);
        m_data.push_back('\n');
    } else if (field == "event") {
        if (value.size() > m_maxEventBytes)
            m_blockOversized = true;
        else
            m_eventType.assign(value);
    } else if (field == "id") {
        if (value.size() > m_maxEventBytes)
            m_blockOversized = true;
        else if (value.find('\0') == std::string_view::npos)
            m_idBuffer.assign(value);
    } else if (field == "retry") {
        if (const auto ms = parseRetry(value))
            m_retryMs = ms;
    }
    // Any other field is ignored, as the standard says.
}

void SseParser::dispatch(std::vector<SseMessage>& out)
{
    // The block is complete: its id is now the one to resume from, dispatched or not.
    m_lastEventId = m_idBuffer;
    if (m_blockOversized) {
        ++m_oversizedSkipped;
        m_blockOversized = false;
        m_data.clear();
        m_eventType.clear();
        return;
    }
    if (m_data.empty()) {
        m_eventType.clear();
        return;
    }
    m_data.pop_back(); // the '\n' after the last data line
    m_lastDataSize = m_data.size();
    SseMessage& message = out.emplace_back();
    if (m_eventType.empty())
        message.event.assign("message");
    else
        message.event = std::move(m_eventType);
    message.data = std::move(m_data);
    message.id = m_idBuffer;
    m_data.clear();
    m_eventType.clear();
}

void SseParser::dropOpenBlock()
{
    m_line.clear();
    m_data.clear();
    m_eventType.clear();
    m_idBuffer = m_lastEventId; // an id seen in an unfinished block is not kept
    m_blockOversized = false;
    m_discardingLine = false;
    m_afterCr = false;
    m_atStreamStart = true;
    m_bomMatched = 0;
}

void SseParser::finish()
{
    dropOpenBlock();
}

void SseParser::resetStream()
{
    dropOpenBlock();
}

} // namespace wt::ingest
