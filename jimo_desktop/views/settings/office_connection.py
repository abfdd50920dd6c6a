"""设置 → 办公室数据库: which database is open, and connecting to the office's.

The officer names the server, the database and their own user; 测试连接 says whether it
answers (the password comes from their pgpass file or PGPASSWORD, never from this form);
使用此数据库 remembers it for the next start.
"""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from jimo_desktop.store.database import DatabaseError, try_office
from jimo_desktop.store.engine import (
    is_office_address,
    office_address_of,
    office_address_parts,
    office_uri,
)
from jimo_desktop.store.safekeeping import location

DEFAULT_PORT = "5432"


class OfficeConnectionWidget(QWidget):
    def __init__(self, database_path, parent: QWidget | None = None):
        super().__init__(parent)
        # An office address prints as 办公室数据库 user@host/dbname.
        shown = (
            database_path if is_office_address(database_path) else f"本机数据库文件 {database_path}"
        )
        self.current = QLabel(f"当前打开：{shown}", objectName="openDatabase")
        # The office database open now, else the one remembered for the next start.
        known = next(
            (
                office_address_parts(office_uri(address))
                for address in (database_path, location.remembered_database_path())
                if is_office_address(address)
            ),
            None,
        ) or {"host": "", "port": "", "dbname": "jimo", "user": ""}
        self.host = QLineEdit(known["host"], objectName="officeHost")
        self.port = QLineEdit(known["port"] or DEFAULT_PORT, objectName="officePort")
        self.dbname = QLineEdit(known["dbname"], objectName="officeDatabase")
        self.user = QLineEdit(known["user"], objectName="officeUser")
        self.answer = QLabel(objectName="officeAnswer")
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.setWordWrap(True)
        test = QPushButton("测试连接", objectName="testOffice", clicked=self.test_connection)
        use = QPushButton("下次启动时使用", objectName="useOffice", clicked=self.use_next_time)
        buttons = QHBoxLayout()
        buttons.addWidget(test)
        buttons.addWidget(use)
        buttons.addStretch(1)
        form = QFormLayout(self)
        form.addRow(self.current)
        form.addRow("服务器：", self.host)
        form.addRow("端口：", self.port)
        form.addRow("数据库：", self.dbname)
        form.addRow("用户名：", self.user)
        form.addRow(buttons)
        form.addRow(self.answer)

    def address(self) -> str | None:
        parts = [self.host.text().strip(), self.dbname.text().strip(), self.user.text().strip()]
        port = self.port.text().strip() or DEFAULT_PORT
        if not all(parts) or not port.isdigit():
            self.answer.setText("请填写服务器、数据库和用户名，端口为数字")
            return None
        host, dbname, user = parts
        return office_address_of(host, int(port), dbname, user)

    def test_connection(self) -> bool:
        address = self.address()
        if address is None:
            return False
        try:
            self.answer.setText(try_office(address))
        except DatabaseError as error:
            self.answer.setText(str(error))
            return False
        return True

    def use_next_time(self) -> None:
        if self.test_connection():
            location.remember_database_path(self.address())
            self.answer.setText(f"{self.answer.text()}。下次启动时打开它")
