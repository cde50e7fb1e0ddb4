#pragma once
// A prepared SQLite statement that finalizes itself, plus a result value for SQLite calls.
// Used only on the thread that owns the connection (the storage thread).

#include <cstdint>
#include <string_view>

#include <QString>

struct sqlite3;
struct sqlite3_stmt;

namespace wt::store {

// Errors at the edge become values: the SQLite result code and a readable message.
struct DbResult {
    int code = 0; // SQLITE_OK
    QString message;
    bool ok() const { return code == 0; }
    static DbResult fromDb(sqlite3* db, int code, const QString& what);
};

class SqliteStatement {
public:
    SqliteStatement() = default;
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement& operator=(SqliteStatement&& other) noexcept;

    bool valid() const { return m_stmt != nullptr; }
    int prepareCode() const { return m_prepareCode; }
    sqlite3_stmt* get() const { return m_stmt; }

    void bind(int index, std::int64_t value);
    void bind(int index, const QString& value);
    void bindText(int index, std::string_view utf8);
    void bindNull(int index);
    void bindBlob(int index, std::string_view bytes); // bytes must outlive step()
    int step();   // SQLITE_ROW, SQLITE_DONE or an error code
    void reset(); // reset and clear bindings, ready for reuse

    std::int64_t int64(int column) const;
    QString text(int column) const;
    std::string_view textView(int column) const;
    std::string_view blobView(int column) const;
    bool isNull(int column) const;

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_prepareCode = 0;
};

// Runs one or more statements without results; returns the first error.
DbResult execSql(sqlite3* db, const char* sql);

} // namespace wt::store
