#include "LeaderboardPanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QHBoxLayout>
#include <QTableView>
#include <QVBoxLayout>

namespace wt::ui {

using Kind = LeaderboardModel::Kind;

LeaderboardPanel::LeaderboardPanel(QWidget* parent) : QWidget(parent)
{
    auto* box = new QVBoxLayout(this);
    box->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("leaderboardTabs"));
    m_tabs->setDocumentMode(true);
    m_row = new QWidget(this);
    auto* row = new QHBoxLayout(m_row);
    const int gap = fontMetrics().height() / 3;
    row->setContentsMargins(gap, gap, gap, gap);
    row->setSpacing(gap);
    box->addWidget(m_tabs);
    box->addWidget(m_row);
    // m_boards is indexed by Kind; the cells (reading order) put pages and users first.
    for (auto [kind, title] : {std::pair{Kind::Wikis, tr("Top wikis")}, std::pair{Kind::Pages, tr("Top pages")},
                               std::pair{Kind::Users, tr("Top users")}, std::pair{Kind::Languages, tr("Top languages")}})
        m_boards[int(kind)] = makeBoard(kind, title, 0, 0);
    relayout();
}

LeaderboardPanel::Board LeaderboardPanel::makeBoard(Kind kind, const QString& title, int row,
                                                    int col)
{
    Board b;
    b.model = new LeaderboardModel(kind, this);
    const QFontMetrics fm = fontMetrics();
    b.proxy = new QSortFilterProxyModel(this);
    b.proxy->setSourceModel(b.model);
    b.proxy->setSortRole(LeaderboardModel::SortRole);
    b.proxy->setDynamicSortFilter(true);
    b.view = new QTableView(this);
    b.view->setObjectName(QStringLiteral("leaderboard_%1").arg(int(kind)));
    b.view->setModel(b.proxy);
    b.view->setSortingEnabled(true);
    b.view->sortByColumn(LeaderboardModel::Edits, Qt::DescendingOrder);
    b.view->setSelectionBehavior(QAbstractItemView::SelectRows);
    b.view->setSelectionMode(QAbstractItemView::SingleSelection);
    b.view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    b.view->setAlternatingRowColors(true);
    b.view->setWordWrap(false);
    b.view->setTextElideMode(Qt::ElideRight);
    b.view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    b.view->verticalHeader()->hide();
    b.view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + fontMetrics().height() / 3);
    QHeaderView* header = b.view->horizontalHeader();
    header->setHighlightSections(false);
    // Fixed widths from font metrics: ResizeToContents would re-measure every row on every tick.
    const int number = fm.horizontalAdvance(QStringLiteral("+999,999 B")) + fm.height() / 2;
    for (int c = 0; c < LeaderboardModel::ColumnCount; ++c) {
        b.view->setColumnHidden(c, !b.model->isColumnShown(c));
        header->setSectionResizeMode(c, QHeaderView::Interactive);
        header->resizeSection(c, number);
    }
    header->resizeSection(LeaderboardModel::Rank, fm.horizontalAdvance(QStringLiteral("100")) + fm.height() / 2);
    header->resizeSection(LeaderboardModel::Bot, fm.horizontalAdvance(QStringLiteral("bot")) + fm.height());
    header->resizeSection(LeaderboardModel::Edits, fm.horizontalAdvance(QStringLiteral("Edits")) + fm.height() * 2);
    header->resizeSection(LeaderboardModel::Wiki, fm.horizontalAdvance(QStringLiteral("wikidatawiki")) + fm.height() / 2);
    header->setSectionResizeMode(LeaderboardModel::Name, QHeaderView::Stretch);
    connect(b.view, &QTableView::doubleClicked, this, [this, b](const QModelIndex& index) {
        const QUrl url = b.model->urlForRow(b.proxy->mapToSource(index).row());
        if (url.isValid())
            emit openUrlRequested(url);
    });

    auto* cell = new QWidget(this);
    auto* box = new QVBoxLayout(cell);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(fm.height() / 4);
    auto* caption = new QLabel(title, cell);
    QFont bold = caption->font();
    bold.setBold(true);
    caption->setFont(bold);
    box->addWidget(caption);
    box->addWidget(b.view);
    Q_UNUSED(row);
    Q_UNUSED(col);
    caption->setObjectName(QStringLiteral("caption"));
    for (int i = 0; i < 4; ++i)
        if (!m_cells[i]) {
            m_cells[i] = cell;
            m_titles[i] = title;
            break;
        }
    return b;
}

void LeaderboardPanel::relayout()
{
    // Four in a row where each gets room for a readable name; tabs otherwise.
    const int columns = width() >= fontMetrics().height() * 72 ? 4 : 1;
    if (columns == m_columns)
        return;
    m_columns = columns;
    auto* row = static_cast<QHBoxLayout*>(m_row->layout());
    while (m_tabs->count() > 0)
        m_tabs->removeTab(0);
    for (int i = 0; i < 4; ++i) {
        // The caption says the same as the tab: shown only in the row.
        m_cells[i]->findChild<QLabel*>(QStringLiteral("caption"))->setVisible(columns == 4);
        if (columns == 4)
            row->addWidget(m_cells[i]);
        else
            m_tabs->addTab(m_cells[i], m_titles[i]);
        m_cells[i]->show();
    }
    m_tabs->setVisible(columns == 1);
    m_row->setVisible(columns == 4);
}

void LeaderboardPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void LeaderboardPanel::showSnapshot(const analytics::DashboardSnapshot& s)
{
    m_boards[int(Kind::Wikis)].model->setRows(s.topWikis);
    m_boards[int(Kind::Languages)].model->setRows(s.topLanguages);
    m_boards[int(Kind::Pages)].model->setRows(s.topPages);
    m_boards[int(Kind::Users)].model->setRows(s.topUsers);
}

LeaderboardModel* LeaderboardPanel::model(Kind kind) const { return m_boards[int(kind)].model; }
QTableView* LeaderboardPanel::view(Kind kind) const { return m_boards[int(kind)].view; }

} // namespace wt::ui
