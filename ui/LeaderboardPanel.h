#pragma once
// The four leaderboards (wikis, languages, pages, users) as sortable tables (GUI thread): four
// in a row where the panel is wide, tabs where it is not (so names stay readable).
// Double-clicking a row asks for its page or contributions URL to be opened.

#include <QUrl>
#include <QWidget>

#include "LeaderboardModel.h"

class QTableView;
class QSortFilterProxyModel;
class QTabWidget;

namespace wt::ui {

class LeaderboardPanel : public QWidget {
    Q_OBJECT
public:
    explicit LeaderboardPanel(QWidget* parent = nullptr);
    void showSnapshot(const analytics::DashboardSnapshot& snapshot);
    LeaderboardModel* model(LeaderboardModel::Kind kind) const;
    QTableView* view(LeaderboardModel::Kind kind) const;
    bool usesTabs() const { return m_columns == 1; }

protected:
    void resizeEvent(QResizeEvent* event) override;

signals:
    void openUrlRequested(const QUrl& url);

private:
    struct Board {
        LeaderboardModel* model = nullptr;
        QSortFilterProxyModel* proxy = nullptr;
        QTableView* view = nullptr;
    };
    Board makeBoard(LeaderboardModel::Kind kind, const QString& title, int row, int col);
    void relayout();
    Board m_boards[4];
    QWidget* m_cells[4] = {};
    QString m_titles[4];
    QTabWidget* m_tabs = nullptr;
    QWidget* m_row = nullptr;
    int m_columns = 0;
};

} // namespace wt::ui
