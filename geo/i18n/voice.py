"""Screen text of citizens' voice: 필요해요, short opinions, the city's answers and their moderation."""

TEXTS: dict[str, dict[str, str]] = {
    # --- visitors (kiosk and public view) ---
    "voice.need": {"ko": "필요해요", "en": "We need this"},
    "voice.need.count": {"ko": "필요해요 {n}", "en": "We need this: {n}"},
    "voice.need.thanks": {"ko": "고맙습니다. 필요해요가 전달되었습니다.", "en": "Thank you. Noted."},
    "voice.need.done": {
        "ko": "고맙습니다. 이번 방문에서 이미 눌렀습니다.",
        "en": "Thank you. You already said so this visit.",
    },
    "voice.opinion.title": {"ko": "의견 (투표 아님)", "en": "Opinion (not a vote)"},
    "voice.opinion.note": {
        "ko": "이름·연락처는 받지 않습니다. 전화번호·주민등록번호·이메일은 저장 전에 지워집니다. "
        "의견은 담당자가 확인한 뒤 보입니다.",
        "en": "No name or contact is asked for. Phone numbers, resident registration numbers and e-mail "
        "addresses are removed before anything is stored. Opinions appear after staff have read them.",
    },
    "voice.opinion.reason": {"ko": "이유 (선택)", "en": "Reason (optional)"},
    "voice.opinion.reason.none": {"ko": "선택 안 함", "en": "None"},
    "voice.opinion.text": {"ko": "하고 싶은 말 (200자까지, 선택)", "en": "Your words (up to 200 characters, optional)"},
    "voice.opinion.submit": {"ko": "의견 보내기", "en": "Send opinion"},
    "voice.opinion.sent": {
        "ko": "의견이 접수되었습니다. 담당자가 확인한 뒤 보입니다.",
        "en": "Your opinion was received. It appears after staff have read it.",
    },
    "voice.opinion.removed": {
        "ko": "개인정보 {n}건을 지우고 저장했습니다.",
        "en": "{n} piece(s) of personal data were removed before storing.",
    },
    "voice.opinions.shown": {"ko": "시민 의견", "en": "Citizens' opinions"},
    "voice.opinions.none": {"ko": "아직 공개된 의견이 없습니다.", "en": "No opinions published yet."},
    "voice.answer": {"ko": "시의 답변", "en": "The city's answer"},
    "voice.report": {"ko": "부적절한 의견 신고", "en": "Report this opinion"},
    "voice.reported": {"ko": "신고가 접수되었습니다.", "en": "Your report was received."},
    "voice.limit": {
        "ko": "잠시 많은 의견이 들어와 쉬어 갑니다. 1분쯤 뒤에 다시 눌러 주세요.",
        "en": "Many responses just came in, so we are pausing briefly. Please try again in about a minute.",
    },
    "voice.error.project": {"ko": "없는 사업입니다. 화면을 새로 고쳐 주세요.", "en": "Unknown project. Please reload."},
    "voice.error.channel": {"ko": "알 수 없는 경로입니다.", "en": "Unknown channel."},
    "voice.error.reason": {"ko": "목록에 있는 이유를 골라 주세요.", "en": "Please pick a reason from the list."},
    "voice.error.control": {
        "ko": "보이지 않는 제어 문자가 들어 있어 저장하지 않았습니다.",
        "en": "The text contains invisible control characters and was not stored.",
    },
    "voice.error.too_long": {
        "ko": "{limit}자까지 쓸 수 있습니다 (지금 {count}자).",
        "en": "Up to {limit} characters (now {count}).",
    },
    "voice.error.empty": {"ko": "이유를 고르거나 내용을 써 주세요.", "en": "Pick a reason or write something."},
    # --- shown back on staff pages ---
    "voice.counts": {"ko": "필요해요 {needs} · 의견 {opinions}", "en": "We need this {needs} · opinions {opinions}"},
    "voice.counts.column": {"ko": "시민 의견 (투표 아님)", "en": "Citizens' voice (not a vote)"},
    "voice.counts.note": {
        "ko": "필요해요·의견 수는 방문자가 남긴 반응의 수이며 투표나 여론조사가 아닙니다.",
        "en": "Counts of visitors' responses; not a vote or a poll.",
    },
    "voice.kiosk.heading": {"ko": "시민 의견 (투표 아님)", "en": "Citizens' voice (not a vote)"},
    "voice.kiosk.pick": {"ko": "이 화면의 사업", "en": "A project on this screen"},
    # The kiosk's one-row voice box: short enough for one row in English landscape too.
    "voice.kiosk.opinions": {"ko": "공개된 의견과 시의 답변", "en": "Opinions & answers"},
    "voice.slide.title": {"ko": "시민 의견", "en": "Citizens' voice"},
    "voice.slide.context": {
        "ko": "{period} 키오스크·공개 화면에서 받은 필요해요와 의견 수 (숨긴 의견 제외)",
        "en": "'We need this' and opinions received on the kiosk and the public view, {period} (hidden ones left out)",
    },
    "voice.slide.none": {"ko": "이 기간에 받은 반응이 없습니다.", "en": "No responses in this period."},
    "voice.slide.more": {"ko": "그 밖의 사업 {n}개", "en": "{n} more project(s)"},
    "voice.slide.opinions": {"ko": "공개된 의견과 시의 답변", "en": "Approved opinions and the city's answers"},
    "voice.detail": {"ko": "시민 반응 (투표 아님)", "en": "Citizens' responses (not a vote)"},
    # --- moderation (data page, staff) ---
    "voice.tab": {"ko": "시민 의견", "en": "Citizens' voice"},
    "voice.mod.caption": {
        "ko": "키오스크와 공개 화면에서 받은 의견입니다. 승인한 의견과 시의 답변만 방문자에게 보입니다. "
        "방문자 신고가 {n}건이 되면 자동으로 숨겨집니다. 모든 처리는 감사 기록에 남습니다.",
        "en": "Opinions from the kiosk and the public view. Only approved opinions and the city's answers are "
        "shown to visitors. An opinion is hidden automatically after {n} visitors' reports. Every action is audited.",
    },
    "voice.mod.status": {"ko": "상태", "en": "Status"},
    "voice.status.pending": {"ko": "확인 대기", "en": "Pending"},
    "voice.status.approved": {"ko": "공개", "en": "Approved"},
    "voice.status.hidden": {"ko": "숨김", "en": "Hidden"},
    "voice.mod.empty": {"ko": "이 조건에 맞는 의견이 없습니다.", "en": "No opinions match."},
    "voice.mod.approve": {"ko": "공개", "en": "Approve"},
    "voice.mod.hide": {"ko": "숨김", "en": "Hide"},
    "voice.mod.answer": {"ko": "시의 답변 저장", "en": "Save the city's answer"},
    "voice.mod.answer.text": {"ko": "시의 답변", "en": "The city's answer"},
    "voice.mod.done": {"ko": "처리했습니다: {what}", "en": "Done: {what}"},
    "voice.mod.reports": {"ko": "신고 {n}건", "en": "{n} report(s)"},
    "voice.mod.counts": {"ko": "사업별 반응 수", "en": "Responses per project"},
    "voice.mod.export": {"ko": "의견 내보내기", "en": "Export opinions"},
    "voice.mod.period": {"ko": "기간", "en": "Period"},
    "voice.mod.filters": {"ko": "조건", "en": "Filters"},
    "voice.mod.purge": {"ko": "보관 기간 지난 의견 삭제", "en": "Purge opinions past retention"},
    "voice.mod.purge.caption": {
        "ko": "{days}일이 지난 의견과 필요해요 기록을 지웁니다 (감사 기록에 남습니다).",
        "en": "Removes opinions and 'we need this' records older than {days} days (audited).",
    },
    "voice.mod.purge.confirm": {
        "ko": "{days}일이 지난 의견을 지우는 것을 확인합니다 (되돌릴 수 없습니다; 백업에는 남습니다).",
        "en": "I confirm removing opinions older than {days} days (cannot be undone; backups keep them).",
    },
    "voice.mod.purged": {
        "ko": "의견 {opinions}건, 필요해요 {reactions}건을 지웠습니다.",
        "en": "Removed {opinions} opinion(s) and {reactions} 'we need this' record(s).",
    },
    "voice.col.project": {"ko": "사업", "en": "Project"},
    "voice.col.project_id": {"ko": "사업 ID", "en": "Project ID"},
    "voice.col.reason": {"ko": "이유", "en": "Reason"},
    "voice.col.text": {"ko": "내용", "en": "Text"},
    "voice.col.status": {"ko": "상태", "en": "Status"},
    "voice.col.reports": {"ko": "신고", "en": "Reports"},
    "voice.col.answer": {"ko": "시의 답변", "en": "The city's answer"},
    "voice.col.created": {"ko": "접수일", "en": "Received"},
    "voice.col.channel": {"ko": "경로", "en": "Channel"},
    "voice.col.needs": {"ko": "필요해요", "en": "We need this"},
    "voice.col.opinions": {"ko": "의견", "en": "Opinions"},
    "voice.channel.kiosk": {"ko": "키오스크", "en": "Kiosk"},
    "voice.channel.public": {"ko": "공개 화면", "en": "Public view"},
    "voice.export.all": {"ko": "전체", "en": "All"},
    "voice.export.rows": {"ko": "내보낸 의견 수", "en": "Opinions exported"},
    "voice.export.source": {
        "ko": "키오스크·공개 화면의 방문자 반응 (대시보드 저장소)",
        "en": "Visitors' responses on the kiosk and the public view (dashboard store)",
    },
    "voice.export.note": {"ko": "참고", "en": "Note"},
    "voice.mod.all_projects": {"ko": "모든 사업", "en": "All projects"},
    "voice.mod.since": {"ko": "접수일부터", "en": "Received from"},
    "voice.mod.until": {"ko": "접수일까지", "en": "Received until"},
    "voice.mod.shown": {"ko": "{n}건 중 최근 {shown}건을 보입니다.", "en": "Showing the latest {shown} of {n}."},
    "voice.mod.queue": {"ko": "처리할 의견", "en": "Opinions to handle"},
    "voice.mod.no_counts": {
        "ko": "아직 받은 필요해요나 의견이 없습니다.",
        "en": "No 'we need this' or opinions received yet.",
    },
}
