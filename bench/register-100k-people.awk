# bench/register-100k-people.awk — awk -v n=100000 -f THIS > FILE.csv: n registrations
# of n distinct people (name, unit, birth year) in 300 units, one LĐTT each.
BEGIN {
  nf = split("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý", fam, " ");
  nm = split("Văn Thị Hữu Đức Minh Thu Thanh Ngọc Quốc Xuân Hồng Kim Bảo Gia Anh Tuấn", mid, " ");
  ng = split("An Bình Chi Dũng Hà Hải Hạnh Hùng Hương Khánh Lan Linh Long Mai Nam Nga Phúc Quân Sơn Tâm Thảo Trang Tú Vân Yến Đào Giang Hoa Huy Khoa", giv, " ");
  print "Họ và tên,Chức vụ,Đơn vị,Năm sinh,Danh hiệu thi đua";
  for (i = 0; i < n; i++) {
    u = i % 300; k = int(i / 300);
    f = fam[(k % nf) + 1]; m = mid[(int(k / nf) % nm) + 1]; g = giv[(int(k / (nf*nm)) % ng) + 1];
    printf "%s %s %s,Chuyên viên,Phòng số %d,%d,Lao động tiên tiến\n", f, m, g, u + 1, 1960 + (i % 40);
  }
}
