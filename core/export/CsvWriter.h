#pragma once
// Builds RFC 4180 CSV text in memory (UTF-8, CRLF line ends). Text cells that a spreadsheet
// would run as a formula (starting with = + - @ tab or CR) get a leading single quote; numeric
// cells are written as numbers and never altered. Any thread.

#include <cstdint>
#include <string>
#include <string_view>

namespace wt::exporter {

class CsvWriter {
public:
    CsvWriter& text(std::string_view value);
    CsvWriter& number(std::int64_t value);
    CsvWriter& number(std::uint64_t value);
    CsvWriter& number(double value);
    CsvWriter& boolean(bool value) { return raw(value ? "true" : "false"); }
    CsvWriter& time(std::int64_t utcMs); // ISO 8601 UTC, e.g. 2026-11-24T10:15:00.123Z
    void endRow();

    const std::string& data() const { return m_data; }
    static std::string isoTime(std::int64_t utcMs);
    static std::string escape(std::string_view value); // what text() writes for one cell

private:
    CsvWriter& raw(std::string_view cell);
    std::string m_data;
    bool m_rowStarted = false;
};

} // namespace wt::exporter
