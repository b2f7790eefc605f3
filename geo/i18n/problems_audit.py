"""What the store writes in its audit log, and the store's own refusals of sign-in and citizens' voice.

An audit row keeps a code and its parameters (``geo.i18n.problems.to_stored``); ``Store.audit_log(lang)``
words it in the reader's language. A row written before codes holds Korean text and is shown as it is.
``geo.i18n.problems`` merges this table into its own.
"""

from __future__ import annotations

#: Problem texts by key ``problem.<code>`` (merged into ``geo.i18n.problems.TEXTS``).
TEXTS: dict[str, dict[str, str]] = {
    # --- the store's life -----------------------------------------------------------------------
    "problem.audit_data_folder": {
        "ko": "데이터 폴더 '{name}' (자료 지문 {signature})",
        "en": "data folder '{name}' (data fingerprint {signature})",
    },
    "problem.audit_created": {"ko": "{folder}에서 저장소를 만들었습니다", "en": "Store made from the {folder}"},
    "problem.audit_rebuilt": {
        "ko": "{folder}에서 저장소를 다시 만들었습니다",
        "en": "Store made again from the {folder}",
    },
    "problem.audit_upgraded": {
        "ko": "저장소를 이 버전에 맞췄습니다 (추가: {added}; {folder})",
        "en": "Store brought up to this version (added: {added}; {folder})",
    },
    "problem.audit_added_columns": {"ko": "열 {columns}", "en": "columns {columns}"},
    "problem.audit_added_reference": {"ko": "참고 레이어", "en": "reference layers"},
    "problem.audit_added_sign_in": {"ko": "로그인 시도", "en": "sign-in attempts"},
    "problem.audit_added_voice": {"ko": "시민 의견", "en": "citizens' voice"},
    "problem.audit_restored": {
        "ko": "백업 {name}에서 복원했습니다 (복원 전 상태: {safety}; 감사 기록과 로그인 잠금은 유지)",
        "en": "Restored from the backup {name} (the state before: {safety}; the audit log and sign-in locks kept)",
    },
    # --- imports --------------------------------------------------------------------------------
    "problem.audit_import_replace": {
        "ko": "{source}: {label} {count}개 교체 (이전 {removed}개 삭제)",
        "en": "{source}: {layer} replaced by {count} ({removed} before deleted)",
    },
    "problem.audit_import_append": {
        "ko": "{source}: {label} {count}개 추가 (이전 {removed}개 삭제)",
        "en": "{source}: {count} added to {layer} ({removed} before deleted)",
    },
    "problem.audit_reference_replace": {
        "ko": "참고 레이어 {id} ({title}): 점 {count}개 교체 (이전 {removed}개 삭제)",
        "en": "Reference layer {id} ({title}): replaced by {count} points ({removed} before deleted)",
    },
    "problem.audit_reference_add": {
        "ko": "참고 레이어 {id} ({title}): 점 {count}개 추가",
        "en": "Reference layer {id} ({title}): {count} points added",
    },
    "problem.audit_reference_delete": {
        "ko": "참고 레이어 {id} ({title}) 삭제: 점 {count}개",
        "en": "Reference layer {id} ({title}) deleted: {count} points",
    },
    # --- sign-in --------------------------------------------------------------------------------
    "problem.audit_sign_in_failed": {
        "ko": "로그인 실패 (주소 {address})",
        "en": "Sign-in failed (address {address})",
    },
    "problem.audit_sign_in_failed_account_locked": {
        "ko": "로그인 실패 (주소 {address}), 계정을 {minutes}분 동안 잠금",
        "en": "Sign-in failed (address {address}), the account locked for {minutes} minutes",
    },
    "problem.audit_sign_in_failed_client_locked": {
        "ko": "로그인 실패 (주소 {address}), 이 주소을 {minutes}분 동안 잠금",
        "en": "Sign-in failed (address {address}), this address locked for {minutes} minutes",
    },
    "problem.audit_sign_in_refused": {
        "ko": "비밀번호는 맞았지만 확인하는 사이 잠겨 거부 (주소 {address})",
        "en": "The password was right, but the account was locked while it was checked: refused (address {address})",
    },
    "problem.audit_address_unknown": {"ko": "알 수 없음", "en": "unknown"},
    "problem.audit_unlocked": {
        "ko": "'{name}' 계정의 잠금을 풀고 실패 횟수를 0으로 했습니다",
        "en": "The account '{name}' unlocked and its failure count set to 0",
    },
    "problem.audit_not_locked": {
        "ko": "'{name}' 계정의 잠겨 있지 않았고 실패 횟수를 0으로 했습니다",
        "en": "The account '{name}' was not locked; its failure count set to 0",
    },
    "problem.sign_in_ok": {"ko": "{name}님, 로그인했습니다.", "en": "Signed in as {name}."},
    "problem.sign_in_failed": {
        "ko": "사용자 이름 또는 비밀번호가 맞지 않습니다. {left}번 더 틀리면 계정이 잠깁니다.",
        "en": "Wrong username or password. {left} more failures lock the account.",
    },
    "problem.sign_in_account_locked": {
        "ko": "'{username}' 계정은 로그인에 {failures}번 실패해 잠시 잠겼습니다. {minutes}분 후에 다시 시도하세요. "
        "비밀번호를 잊었다면 관리자에게 재설정을 요청하세요.",
        "en": "The account '{username}' is locked for a while after {failures} failed sign-ins. Try again in "
        "{minutes} min. If you forgot the password, ask the administrator to reset it.",
    },
    "problem.sign_in_client_locked": {
        "ko": "이 기기에서 로그인에 너무 많이 실패해 잠시 로그인을 막았습니다. {minutes}분 후에 다시 시도하세요. "
        "계속되면 관리자에게 알려 주세요.",
        "en": "Too many failed sign-ins from this device, so signing in is blocked for a while. Try again in "
        "{minutes} min. If it keeps happening, tell the administrator.",
    },
    "problem.password_too_short": {
        "ko": "비밀번호는 {minimum}자 이상이어야 합니다 (지금 {length}자)",
        "en": "The password must be at least {minimum} characters long (it has {length})",
    },
    "problem.password_spaces": {
        "ko": "비밀번호의 앞뒤에 공백을 넣지 마세요",
        "en": "Do not put spaces at the start or end of the password",
    },
    "problem.username_invalid": {
        "ko": "사용자 이름은 영문, 숫자, _, - 로 2~32자여야 합니다 (예: kim_gis)",
        "en": "A username is 2 to 32 letters, digits, _ or - (e.g. kim_gis)",
    },
    "problem.accounts_not_toml": {
        "ko": "{file}의 TOML 형식이 올바르지 않습니다: {reason}",
        "en": "{file} is not valid TOML: {reason}",
    },
    "problem.accounts_unwritable": {
        "ko": "{file}에 계정을 쓸 수 없습니다 (기존 내용과 형식이 맞지 않습니다: {reason})",
        "en": "The account cannot be written to {file} (its present content does not fit: {reason})",
    },
    "problem.accounts_other_form": {
        "ko": "{file}에 계정을 쓸 수 없습니다: auth.users 항목을 다른 형식으로 적은 줄이 있습니다",
        "en": "The account cannot be written to {file}: a line writes the auth.users entries in another form",
    },
    "problem.unlock_name_missing": {
        "ko": "잠금을 풀 계정 이름을 입력하세요.",
        "en": "Give the name of the account to unlock.",
    },
    # --- citizens' voice ------------------------------------------------------------------------
    "problem.audit_voice_auto_hidden": {
        "ko": "의견 {id}: 방문자 신고 {count}건으로 숨김",
        "en": "Opinion {id}: hidden after {count} reports by visitors",
    },
    "problem.audit_voice_moderated": {
        "ko": "의견 {id} ({project}): {before} → {after}",
        "en": "Opinion {id} ({project}): {before} → {after}",
    },
    "problem.audit_voice_answered": {
        "ko": "의견 {id} ({project})에 시의 답변 저장",
        "en": "The city's answer to opinion {id} ({project}) saved",
    },
    "problem.audit_voice_purged": {
        "ko": "{days}일 보관 기간이 지난 시민 의견 {opinions}건, 필요해요 기록 {reactions}건 삭제 ({cutoff} 이전)",
        "en": "{opinions} citizens' opinions and {reactions} 'We need this' records past the {days}-day keeping "
        "period deleted (before {cutoff})",
    },
    "problem.opinion_not_stored": {
        "ko": "의견 {id}이(가) 없습니다 (삭제되었을 수 있습니다).",
        "en": "There is no opinion {id} (it may have been deleted).",
    },
    "problem.opinion_status_unknown": {
        "ko": "의견 상태 '{status}'은(는) 없습니다 ({allowed}).",
        "en": "There is no opinion status '{status}' ({allowed}).",
    },
    "problem.voice_keep_days_invalid": {
        "ko": "보관 기간(일)은 1 이상이어야 합니다.",
        "en": "The keeping period (days) must be at least 1.",
    },
    "problem.voice_tables_missing": {
        "ko": "저장소({store})에 시민 의견 표가 아직 없습니다. 앱을 한 번 다시 실행하면 저장소가 이 버전에 맞춰집니다.",
        "en": "The store ({store}) has no citizens' voice tables yet. Run the app again once and the store is "
        "brought up to this version.",
    },
}
